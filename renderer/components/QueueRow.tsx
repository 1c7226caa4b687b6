import { memo } from 'react';
import type { JobView } from '../../shared/domain/queue';
import type { QueueActions } from '../hooks/use-queue-actions';
import type { Translate } from '../i18n/translate';
import { formatBytes, formatErrorDetails, formatEta, formatSpeed, percentOf } from '../lib/format';
import { kindOf } from '../lib/labels';
import { primaryAction, stopAction } from '../lib/row-actions';
import { isAllowed } from '../../shared/domain/job-actions';
import { ProgressBar } from './ProgressBar';
import { StatusBadge } from './StatusBadge';

export const ROW_HEIGHT = 60;
/** A row showing its whole error: the text wraps in a box below the cells. */
export const EXPANDED_ROW_HEIGHT = 150;

interface QueueRowProps {
  readonly job: JobView;
  /** 1-based row index in the grid (the header is row 1). */
  readonly rowIndex: number;
  readonly top: number;
  readonly selected: boolean;
  readonly focused: boolean;
  readonly expanded: boolean;
  readonly t: Translate;
  readonly actions: QueueActions;
  readonly onRowClick: (id: string, event: React.MouseEvent) => void;
  readonly onCopy: (text: string) => void;
  readonly onShow: (path: string) => void;
  readonly onToggleError: (id: string) => void;
}

export function rowDomId(id: string): string {
  return `job-row-${id}`;
}

/**
 * One queue row; memoised so a snapshot re-renders only the rows whose job object changed. The actions sit
 * in fixed slots that keep their place whatever the state (Pause becomes Resume where it was; Cancel is
 * never where Pause was), with text labels for the main two and tooltips for the small ones.
 */
export const QueueRow = memo(function QueueRow({
  job,
  rowIndex,
  top,
  selected,
  focused,
  expanded,
  t,
  actions,
  onRowClick,
  onCopy,
  onShow,
  onToggleError,
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
  const primary = primaryAction(job);
  const stop = stopAction(job);
  const speed = running ? formatSpeed(job.speed) : '';

  return (
    <div
      role="row"
      id={rowDomId(job.id)}
      aria-rowindex={rowIndex}
      aria-selected={selected}
      data-job-id={job.id}
      data-state={state}
      className={`qrow${selected ? ' qrow--selected' : ''}${focused ? ' qrow--focused' : ''}${expanded ? ' qrow--expanded' : ''}`}
      style={{
        transform: `translateY(${top}px)`,
        height: expanded && showError ? EXPANDED_ROW_HEIGHT : ROW_HEIGHT,
      }}
      onClick={(e) => onRowClick(job.id, e)}
    >
      <div role="gridcell" className="qcell qcell--name">
        <span className="qrow__name" title={job.path} translate="no">
          {job.name}
        </span>
        <span className="qrow__folder muted" title={job.path} translate="no">
          {job.relativeDir}
        </span>
      </div>
      <div role="gridcell" className="qcell qcell--kind">
        {t(`kind.${kindOf(job.kind, job.name)}`)}
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
        {running ? (
          <>
            <span>{speed}</span>
            <span className="muted">{eta ? t('totals.eta', { eta }) : ''}</span>
          </>
        ) : null}
      </div>
      <div role="gridcell" className="qcell qcell--status">
        <StatusBadge status={job.status} />
        {showError ? (
          <button
            type="button"
            className="qrow__error link-button"
            tabIndex={-1}
            aria-expanded={expanded}
            title={expanded ? t('row.hideError') : t('row.showError')}
            onClick={(e) => {
              e.stopPropagation();
              onToggleError(job.id);
            }}
          >
            {job.retryCount > 0
              ? t('row.error', { message: error.message, count: job.retryCount })
              : t('row.errorNoRetry', { message: error.message })}
          </button>
        ) : job.mediaId && state === 'done' ? (
          <code className="media-id" title={t('col.mediaId')} translate="no">
            {job.mediaId}
          </code>
        ) : null}
      </div>
      <div role="gridcell" className="qcell qcell--actions" onClick={(e) => e.stopPropagation()}>
        {primary ? (
          <TextButton
            slot={1}
            label={act(t(`action.${primary}`))}
            text={t(`action.${primary}`)}
            onClick={() =>
              primary === 'pause'
                ? actions.pause(ids)
                : primary === 'resume'
                  ? actions.resume(ids)
                  : primary === 'retry'
                    ? actions.retry(ids)
                    : actions.uploadAgain(ids)
            }
          />
        ) : null}
        {stop ? (
          <TextButton
            slot={2}
            label={act(t(`action.${stop}`))}
            text={t(`action.${stop}`)}
            danger={stop === 'cancel'}
            onClick={() => (stop === 'cancel' ? actions.cancel(ids) : actions.remove(ids))}
          />
        ) : null}
        {isAllowed(state, 'move-to-top') ? (
          <IconButton
            slot={3}
            label={act(t('action.moveToTop'))}
            icon="⤒"
            onClick={() => actions.moveToTop(ids)}
          />
        ) : null}
        {job.mediaId && state === 'done' ? (
          <IconButton
            slot={4}
            label={act(t('action.copyId'))}
            icon="❐"
            onClick={() => onCopy(job.mediaId ?? '')}
          />
        ) : null}
        <IconButton
          slot={5}
          label={act(t('action.showInFolder'))}
          icon="↗"
          onClick={() => onShow(job.path)}
        />
      </div>
      {expanded && showError ? (
        <div role="gridcell" className="qrow__details" onClick={(e) => e.stopPropagation()}>
          <p className="qrow__details-text">{error.message}</p>
          <p className="muted">
            {error.code}
            {error.requestId ? ` · RequestId ${error.requestId}` : ''}
          </p>
          <button
            type="button"
            className="button"
            tabIndex={-1}
            onClick={() => onCopy(formatErrorDetails(error))}
          >
            {t('action.copyError')}
          </button>
        </div>
      ) : null}
    </div>
  );
});

/**
 * Each action is placed in its own grid column of the actions cell (`qslot--N`), so an action keeps its place
 * whatever the others are, with no wrapper element per slot (fewer nodes for each row a scroll brings in).
 */
type Slot = 1 | 2 | 3 | 4 | 5;

function TextButton(props: {
  slot: Slot;
  label: string;
  text: string;
  danger?: boolean;
  onClick: () => void;
}) {
  // tabIndex -1: the grid is one tab stop; keyboard users act through shortcuts and the selection bar.
  return (
    <button
      type="button"
      className={`row-button qslot--${props.slot}${props.danger ? ' row-button--danger' : ''}`}
      tabIndex={-1}
      aria-label={props.label}
      title={props.label}
      onClick={props.onClick}
    >
      {props.text}
    </button>
  );
}

/** The icon is the button's text; aria-label names the button, so the icon is never read out. */
function IconButton(props: { slot: Slot; label: string; icon: string; onClick: () => void }) {
  return (
    <button
      type="button"
      className={`icon-button qslot--${props.slot}`}
      tabIndex={-1}
      aria-label={props.label}
      title={props.label}
      onClick={props.onClick}
    >
      {props.icon}
    </button>
  );
}
