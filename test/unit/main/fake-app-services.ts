import { INVOKE_CHANNELS, type InvokeChannel } from '../../../shared/ipc/contract';
import type { JobState } from '../../../shared/domain/job-status';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/domain/settings';
import type { Activity, AppServices } from '../../../electron/core/app/app-services';
import type { ContractHandlers } from '../../../electron/core/ipc/dispatcher';
import type { QueueSnapshot } from '../../../shared/domain/queue';
import type { EngineEvent, EngineEventListener } from '../../../shared/domain/engine-events';

export const IDLE: Activity = { active: 0, queued: 0, paused: 0, failed: 0, progress: null };

/**
 * An AppServices that records what the shell asks of it. Its jobs are just ids with a status; shutdown()
 * pauses the unfinished ones the way the real engine does, after a tick, so a test can tell whether the shell
 * waited for it before exiting.
 */
export function fakeAppServices(initialSettings: Partial<Settings> = {}) {
  const calls: string[] = [];
  let settings: Settings = { ...DEFAULT_SETTINGS, ...initialSettings };
  let activity: Activity = IDLE;
  const activityListeners = new Set<(a: Activity) => void>();
  const snapshotListeners = new Set<(s: QueueSnapshot) => void>();
  const engineListeners = new Set<EngineEventListener>();
  const jobs = new Map<string, JobState>();
  /** 'hang': shutdown() never settles (a request stuck in a dead proxy); 'fail': it rejects. */
  let shutdownMode: 'ok' | 'hang' | 'fail' = 'ok';

  const okValue = { ok: true as const };
  const totals = { jobs: 0, active: 0, bytesTotal: 0, bytesDone: 0, speed: 0, etaSeconds: null, counts: {} };
  const answers: Partial<Record<InvokeChannel, () => unknown>> = {
    'queue:list': () => ({ jobs: [], totals, more: false }),
    'profiles:list': () => [],
    'settings:get': () => settings,
    'dialog:open-files': () => ({ paths: [] }),
    'dialog:open-folder': () => ({ paths: [] }),
  };
  const handlers = Object.fromEntries(
    INVOKE_CHANNELS.map((channel) => [
      channel,
      (request: unknown) => {
        calls.push(channel);
        if (channel === 'settings:set') {
          settings = { ...settings, ...(request as Partial<Settings>) };
          return settings;
        }
        return answers[channel]?.() ?? okValue;
      },
    ]),
  ) as unknown as ContractHandlers;

  const services: AppServices = {
    handlers,
    onSnapshot(listener) {
      snapshotListeners.add(listener);
      return () => snapshotListeners.delete(listener);
    },
    onActivity(listener) {
      activityListeners.add(listener);
      return () => activityListeners.delete(listener);
    },
    onEngineEvent(listener) {
      engineListeners.add(listener);
      return () => engineListeners.delete(listener);
    },
    startUploads: () => calls.push('startUploads'),
    onWatchChange: () => () => undefined,
    startWatching: () => Promise.resolve(),
    applyRunLimits: () => calls.push('applyRunLimits'),
    whenIdle: () => Promise.resolve(),
    drainUploads: () => Promise.resolve({ cutOff: [] }),
    checkProfileUsable: () => Promise.resolve(),
    testCredentials: () => Promise.resolve({ verdict: 'ok' as const, message: 'Connected.' }),
    vodStatus: () => Promise.resolve([]),
    activity: () => activity,
    pauseAll: () => {
      calls.push('pauseAll');
      return Promise.resolve();
    },
    resumeAll: () => {
      calls.push('resumeAll');
      return Promise.resolve();
    },
    shutdown: async () => {
      calls.push('shutdown:start');
      if (shutdownMode === 'hang') await new Promise(() => undefined);
      if (shutdownMode === 'fail') throw new Error('disk I/O error');
      await new Promise((resolve) => setTimeout(resolve, 5));
      for (const [id, state] of jobs) if (state === 'uploading' || state === 'queued') jobs.set(id, 'paused');
      calls.push('shutdown:done');
    },
  };

  return {
    services,
    calls,
    jobs,
    emitEngineEvent(event: EngineEvent) {
      for (const listener of engineListeners) listener(event);
    },
    setShutdown(mode: 'ok' | 'hang' | 'fail') {
      shutdownMode = mode;
    },
    setActivity(next: Activity) {
      activity = next;
      for (const listener of activityListeners) listener(next);
    },
    emitSnapshot(snapshot: QueueSnapshot) {
      for (const listener of snapshotListeners) listener(snapshot);
    },
  };
}
