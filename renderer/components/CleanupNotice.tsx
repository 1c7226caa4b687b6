import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context';
import { useTranslate } from '../i18n/use-translate';
import { useQueueStore } from '../store/queue-store';
import { useUiStore } from '../store/ui-store';

/**
 * A notice above the queue while deletes in VOD have failed and wait for a retry (the ledger keeps them until
 * VOD confirms): never silent. Asked again whenever jobs are canceled or the queue goes idle, the moments the
 * cleaner runs. "Show" opens Settings → Clean up VOD, with each one's error and a "Retry now".
 */
export function CleanupNotice() {
  const api = useApi();
  const t = useTranslate();
  const canceled = useQueueStore((s) => s.totals.counts.canceled ?? 0);
  const active = useQueueStore((s) => s.totals.active);
  const [failed, setFailed] = useState(0);
  useEffect(() => {
    let live = true;
    void api.call('cleanup:pending', {}).then((result) => {
      if (live && result.ok) setFailed(result.value.pending.filter((p) => p.attempts > 0).length);
    });
    return () => {
      live = false;
    };
  }, [api, canceled, active]);
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
