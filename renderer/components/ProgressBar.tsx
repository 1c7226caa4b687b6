interface ProgressBarProps {
  /** Accessible name, e.g. "Upload of A001_C003.mov". */
  readonly label: string;
  readonly percent: number;
  readonly valueText: string;
  readonly paused?: boolean;
  readonly className?: string;
}

/** A named progress bar with aria-valuetext; not a live region (announcements go through the status region). */
export function ProgressBar({ label, percent, valueText, paused = false, className }: ProgressBarProps) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={valueText}
      className={`progress${paused ? ' progress--paused' : ''}${className ? ` ${className}` : ''}`}
    >
      <div className="progress__fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
