import { useEffect } from 'react';
import { useTranslate } from '../i18n/use-translate';
import { INITIAL_MILESTONES, nextMilestones, type Milestone } from '../lib/milestones';
import { useQueueStore } from '../store/queue-store';
import { useUiStore } from '../store/ui-store';
import type { Translate } from '../i18n/translate';

/** Minimum gap between two announcements, so a burst of finishing files is read as one sentence. */
const GAP_MS = 2_000;

/** Feeds queue milestones (never ticks) to the one polite status region, coalesced. */
export function useMilestoneAnnouncer(): void {
  const t = useTranslate();
  useEffect(() => {
    let state = INITIAL_MILESTONES;
    let pending: string[] = [];
    let lastAt = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      if (!pending.length) return;
      useUiStore.getState().announce(pending.join('. '));
      pending = [];
      lastAt = Date.now();
    };
    const initial = useQueueStore.getState();
    state = nextMilestones(state, initial.byId.values(), initial.totals).state;
    const off = useQueueStore.subscribe((queue, previous) => {
      if (queue.byId === previous.byId && queue.totals === previous.totals) return;
      const next = nextMilestones(state, queue.byId.values(), queue.totals);
      state = next.state;
      if (!next.milestones.length) return;
      pending.push(...next.milestones.map((m) => describe(t, m)));
      if (timer) return;
      const wait = Math.max(0, lastAt + GAP_MS - Date.now());
      timer = setTimeout(flush, wait);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [t]);
}

function describe(t: Translate, m: Milestone): string {
  switch (m.type) {
    case 'started':
      return t('announce.started');
    case 'progress':
      return t('announce.progress', { percent: m.percent });
    case 'done':
      return m.names.length === 1
        ? t('announce.done', { name: m.names[0] ?? '' })
        : t('announce.manyDone', { count: m.names.length });
    case 'failed':
      return m.names.length === 1
        ? t('announce.failed', { name: m.names[0] ?? '', message: m.message })
        : t('announce.manyFailed', { count: m.names.length });
    case 'all-done':
      return t('announce.allDone');
  }
}
