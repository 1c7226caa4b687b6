import { useEffect, useRef, useState } from 'react';
import { useQueueActions } from '../hooks/use-queue-actions';
import { useTranslate } from '../i18n/use-translate';
import { useQueueStore } from '../store/queue-store';
import { useUiStore } from '../store/ui-store';

/**
 * Asks before a cancel (or the removal of unfinished uploads): both delete what was uploaded. Focus starts
 * on "Keep uploading", so a stray Enter or double click never cancels. Deleting the unfinished media in VOD
 * is on by default: what the uploader created and did not finish, it removes.
 */
export function StopDialog() {
  const t = useTranslate();
  const actions = useQueueActions();
  const request = useUiStore((s) => s.confirmStop);
  const byId = useQueueStore((s) => s.byId);
  const dialog = useRef<HTMLDialogElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const [deleteRemote, setDeleteRemote] = useState(true);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (request && !el.open) {
      setDeleteRemote(true);
      el.showModal();
      keep.current?.focus();
    } else if (!request && el.open) el.close();
  }, [request]);

  const close = () => useUiStore.getState().askStop(null);
  const ids = request?.ids ?? [];
  const first = ids[0] ? byId.get(ids[0]) : undefined;
  const what = ids.length === 1 && first ? `“${first.name}”` : t('stop.count', { count: ids.length });

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="stop-title"
      onClose={close}
      data-testid="stop-dialog"
    >
      <h2 id="stop-title">
        {request?.action === 'remove' ? t('stop.removeTitle', { what }) : t('stop.cancelTitle', { what })}
      </h2>
      <p>{t('stop.explain')}</p>
      <label className="toggle">
        <input type="checkbox" checked={deleteRemote} onChange={(e) => setDeleteRemote(e.target.checked)} />
        {t('stop.deleteRemote')}
      </label>
      <div className="form-actions">
        <button ref={keep} type="button" className="button" onClick={close}>
          {t('stop.keep')}
        </button>
        <button
          type="button"
          className="button button--danger"
          onClick={() => {
            if (request) actions.confirmedStop(request.ids, request.action, deleteRemote);
            close();
          }}
        >
          {request?.action === 'remove' ? t('stop.confirmRemove') : t('stop.confirmCancel')}
        </button>
      </div>
    </dialog>
  );
}
