import { useMemo } from 'react';
import { isAllowed, type JobAction } from '../../shared/domain/job-actions';
import type { InvokeChannel, InvokeRequest } from '../../shared/ipc/contract';
import { useApi } from '../api/api-context';
import { canRetry } from '../lib/row-actions';
import { useTranslate } from '../i18n/use-translate';
import { useQueueStore } from '../store/queue-store';
import { useUiStore } from '../store/ui-store';

export interface QueueActions {
  pause(ids: readonly string[]): void;
  resume(ids: readonly string[]): void;
  /** Pauses if any target is running, otherwise resumes (Space). */
  toggle(ids: readonly string[]): void;
  /** Asks first (the confirmation dialog): canceling deletes what was uploaded. */
  cancel(ids: readonly string[]): void;
  /** The dialog's answer: cancel (or remove) for good, and delete the media in VOD when asked. */
  confirmedStop(ids: readonly string[], action: 'cancel' | 'remove', deleteRemote: boolean): void;
  retry(ids: readonly string[]): void;
  /** Finished jobs leave the list at once; an unfinished one is canceled first, so that asks too. */
  remove(ids: readonly string[]): void;
  /** A failure a retry cannot fix (the file changed): the job leaves and the file is queued anew. */
  uploadAgain(ids: readonly string[]): void;
  moveToTop(ids: readonly string[]): void;
  bulk(channel: 'queue:pause-all' | 'queue:resume-all' | 'queue:retry-failed' | 'queue:clear-finished'): void;
}

/**
 * Intents sent back to main. The store is never edited here: the next snapshot shows the outcome. Ids
 * are filtered to the rows the action applies to, so "pause" on a mixed selection pauses what it can.
 */
export function useQueueActions(): QueueActions {
  const api = useApi();
  const t = useTranslate();
  return useMemo(() => {
    const send = <C extends InvokeChannel>(channel: C, request: InvokeRequest<C>) => {
      void api.call(channel, request).then((result) => {
        if (!result.ok) useUiStore.getState().announce(t('error.generic', { message: result.error.message }));
      });
    };
    const only = (ids: readonly string[], action: JobAction) => {
      const { byId } = useQueueStore.getState();
      return ids.filter((id) => {
        const job = byId.get(id);
        return job ? isAllowed(job.status.state, action) : false;
      });
    };
    const deselect = (ids: readonly string[]) => {
      const ui = useUiStore.getState();
      const rest = new Set(ui.selected);
      for (const id of ids) rest.delete(id);
      ui.setSelected(rest);
    };
    const pause = (ids: readonly string[]) => {
      const targets = only(ids, 'pause');
      if (targets.length) send('queue:pause', { ids: targets });
    };
    const resume = (ids: readonly string[]) => {
      const targets = only(ids, 'resume');
      if (targets.length) send('queue:resume', { ids: targets });
    };
    return {
      pause,
      resume,
      toggle: (ids) => (only(ids, 'pause').length ? pause(ids) : resume(ids)),
      cancel: (ids) => {
        const targets = only(ids, 'cancel');
        if (targets.length) useUiStore.getState().askStop({ ids: targets, action: 'cancel' });
      },
      confirmedStop: (ids, action, deleteRemote) => {
        if (!ids.length) return;
        if (action === 'cancel') send('queue:cancel', { ids: [...ids], deleteRemote });
        else {
          // Unfinished ones are canceled (with the VOD clean-up asked for) before they leave the list.
          const unfinished = only(ids, 'cancel');
          if (unfinished.length) {
            void api
              .call('queue:cancel', { ids: unfinished, deleteRemote })
              .then(() => send('queue:remove', { ids: [...ids] }));
          } else send('queue:remove', { ids: [...ids] });
        }
        deselect(ids);
      },
      retry: (ids) => {
        const { byId } = useQueueStore.getState();
        const targets = ids.filter((id) => {
          const job = byId.get(id);
          return job ? canRetry(job) : false;
        });
        if (targets.length) send('queue:retry', { ids: targets });
      },
      remove: (ids) => {
        if (!ids.length) return;
        if (only(ids, 'cancel').length) {
          useUiStore.getState().askStop({ ids: [...ids], action: 'remove' });
          return;
        }
        send('queue:remove', { ids: [...ids] });
        deselect(ids);
      },
      uploadAgain: (ids) => {
        if (ids.length) send('queue:upload-again', { ids: [...ids] });
      },
      moveToTop: (ids) => {
        if (ids.length) send('queue:reorder', { ids: [...ids], position: 'top' });
      },
      bulk: (channel) => send(channel, {}),
    };
  }, [api, t]);
}
