import { useUiStore } from '../store/ui-store';

/** The ONE polite status region of the app; only milestone and outcome messages reach it. */
export function LiveAnnouncer() {
  const { text, nonce } = useUiStore((s) => s.announcement);
  return (
    <div
      role="status"
      aria-live="polite"
      aria-atomic="true"
      className="visually-hidden"
      data-testid="announcer"
    >
      <span key={nonce}>{text}</span>
    </div>
  );
}
