import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context';
import { useTranslate } from '../i18n/use-translate';
import { useQueueStore } from '../store/queue-store';
import { useUiStore } from '../store/ui-store';

/**
 * A notice above the queue while deletes in VOD have failed and wait for a retry (the ledger keeps them until
 * VOD confirms): never silent. Asked again whenever jobs are canceled or the queue goes idle, the moments the
 * cleaner runs, and while a delete is still in flight. "Show" opens Settings → Clean up VOD, with each one's error and a "Retry now".
 */
export function CleanupNotice() {
  const api = useApi();
  const t = useTranslate();
  const canceled = useQueueStore((s) => s.totals.counts.canceled ?? 0);
  const active = useQueueStore((s) => s.totals.active);
  const [failed, setFailed] = useState(0);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    let live = true;
    let again: ReturnType<typeof setTimeout> | undefined;
    void api.call('cleanup:pending', {}).then((result) => {
      if (!live || !result.ok) return;
      setFailed(result.value.pending.filter((p) => p.attempts > 0).length);
      // A delete not tried yet is in flight (the cleaner runs right after a cancel): ask again once it is.
      if (result.value.pending.some((p) => p.attempts === 0))
        again = setTimeout(() => setAsked((n) => n + 1), 2_000);
    });
    return () => {
      live = false;
      clearTimeout(again);
    };
  }, [api, canceled, active, asked]);
  if (failed === 0) return null;
  return (
    <div className="cleanup-notice" role="status" data-testid="cleanup-notice">
      <span>{t('cleanup.queueNotice', { count: failed })}</span>{' '}
      <button type="button" className="button" onClick={() => useUiStore.getState().setTab('settings')}>
        {t('cleanup.queueNoticeAction')}
      </button>
    </div>
  );
}
