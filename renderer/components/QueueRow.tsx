import { memo } from 'react';
import type { JobView } from '../../shared/domain/queue';
import type { QueueActions } from '../hooks/use-queue-actions';
import type { Translate } from '../i18n/translate';
import { formatBytes, formatErrorDetails, formatEta, formatSpeed, percentOf } from '../lib/format';
import { isAllowed } from '../../shared/domain/job-actions';
import { ProgressBar } from './ProgressBar';
import { StatusBadge } from './StatusBadge';

export const ROW_HEIGHT = 60;

interface QueueRowProps {
  readonly job: JobView;
  /** 1-based row index in the grid (the header is row 1). */
  readonly rowIndex: number;
  readonly top: number;
  readonly selected: boolean;
  readonly focused: boolean;
  readonly t: Translate;
  readonly actions: QueueActions;
  readonly onRowClick: (id: string, event: React.MouseEvent) => void;
  readonly onCopy: (text: string) => void;
  readonly onShow: (path: string) => void;
}

export function rowDomId(id: string): string {
  return `job-row-${id}`;
}

/** One queue row; memoised so a snapshot re-renders only the rows whose job object changed. */
export const QueueRow = memo(function QueueRow({
  job,
  rowIndex,
  top,
  selected,
  focused,
  t,
  actions,
  onRowClick,
  onCopy,
  onShow,
}: QueueRowProps) {
  const state = job.status.state;
  const percent = percentOf(job.bytesDone, job.size);
  const done = formatBytes(job.bytesDone);
  const total = formatBytes(job.size);
  const running = state === 'uploading' || state === 'retrying';
  const eta = running && job.etaSeconds !== null ? formatEta(job.etaSeconds) : '';
  const error =
    state === 'failed' ? job.status.error : state === 'retrying' ? job.status.lastError : job.lastError;
  const showError = error !== null && state !== 'done' && state !== 'canceled';
  const act = (label: string) => t('action.rowFor', { action: label, name: job.name });
  const ids = [job.id];

  return (
    <div
      role="row"
      id={rowDomId(job.id)}
      aria-rowindex={rowIndex}
      aria-selected={selected}
      data-job-id={job.id}
      data-state={state}
      className={`qrow${selected ? ' qrow--selected' : ''}${focused ? ' qrow--focused' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      onClick={(e) => onRowClick(job.id, e)}
    >
      <div role="gridcell" className="qcell qcell--name">
        <span className="qrow__name" title={job.path}>
          {job.name}
        </span>
        <span className="qrow__folder muted">{job.relativeDir}</span>
      </div>
      <div role="gridcell" className="qcell qcell--kind">
        {t(`kind.${job.kind}`)}
      </div>
      <div role="gridcell" className="qcell qcell--size">
        {total}
      </div>
      <div role="gridcell" className="qcell qcell--progress">
        <ProgressBar
          label={t('progress.name', { name: job.name })}
          percent={percent}
          paused={state === 'paused'}
          valueText={
            eta
              ? t('progress.textEta', { percent, done, total, eta })
              : t('progress.text', { percent, done, total })
          }
        />
        <span className="qrow__percent">{percent}%</span>
      </div>
      <div role="gridcell" className="qcell qcell--speed">
        {running ? formatSpeed(job.speed) : ''}
      </div>
      <div role="gridcell" className="qcell qcell--eta">
        {eta}
      </div>
      <div role="gridcell" className="qcell qcell--status">
        <StatusBadge status={job.status} />
        {showError ? (
          <span className="qrow__error" title={error.requestId ? `RequestId ${error.requestId}` : undefined}>
            {job.retryCount > 0
              ? t('row.error', { message: error.message, count: job.retryCount })
              : t('row.errorNoRetry', { message: error.message })}
          </span>
        ) : null}
      </div>
      <div role="gridcell" className="qcell qcell--media">
        {job.mediaId ? <code className="media-id">{job.mediaId}</code> : null}
      </div>
      <div role="gridcell" className="qcell qcell--actions" onClick={(e) => e.stopPropagation()}>
        {isAllowed(state, 'pause') ? (
          <RowButton label={act(t('action.pause'))} icon="❚❚" onClick={() => actions.pause(ids)} />
        ) : null}
        {isAllowed(state, 'resume') ? (
          <RowButton label={act(t('action.resume'))} icon="▶" onClick={() => actions.resume(ids)} />
        ) : null}
        {isAllowed(state, 'retry') ? (
          <RowButton label={act(t('action.retry'))} icon="↻" onClick={() => actions.retry(ids)} />
        ) : null}
        {isAllowed(state, 'cancel') ? (
          <RowButton label={act(t('action.cancel'))} icon="⊘" onClick={() => actions.cancel(ids)} />
        ) : null}
        {isAllowed(state, 'move-to-top') ? (
          <RowButton label={act(t('action.moveToTop'))} icon="⤒" onClick={() => actions.moveToTop(ids)} />
        ) : null}
        {job.mediaId ? (
          <RowButton label={act(t('action.copyId'))} icon="❐" onClick={() => onCopy(job.mediaId ?? '')} />
        ) : null}
        {showError ? (
          <RowButton
            label={act(t('action.copyError'))}
            icon="⚠"
            onClick={() => onCopy(formatErrorDetails(error))}
          />
        ) : null}
        <RowButton label={act(t('action.showInFolder'))} icon="↗" onClick={() => onShow(job.path)} />
        {isAllowed(state, 'remove') ? (
          <RowButton label={act(t('action.remove'))} icon="✕" onClick={() => actions.remove(ids)} />
        ) : null}
      </div>
    </div>
  );
});

function RowButton({ label, icon, onClick }: { label: string; icon: string; onClick: () => void }) {
  // tabIndex -1: the grid is one tab stop; keyboard users act through shortcuts and the selection bar.
  return (
    <button
      type="button"
      className="icon-button"
      tabIndex={-1}
      aria-label={label}
      title={label}
      onClick={onClick}
    >
      <span aria-hidden="true">{icon}</span>
    </button>
  );
}
