import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAppServicesWithInternals,
  type AppInternals,
} from '../../../electron/core/app/create-app-services';
import type { AppServices } from '../../../electron/core/app/app-services';
import { createDispatcher, type Dispatch } from '../../../electron/core/ipc/dispatcher';
import { nullLogger } from '../../../electron/core/log/logger';
import { Redactor } from '../../../electron/core/log/redactor';
import { allowedActions, INTENT_TARGET, type JobAction } from '../../../shared/domain/job-actions';
import { JOB_STATES, type JobState, type JobStatus } from '../../../shared/domain/job-status';
import { nextStates } from '../../../shared/domain/job-transitions';
import { noDesktop } from '../../helpers/app-harness';
import { newJob, tempDir } from '../queue/temp-db';

/** What the renderer sends for each action (hooks/use-queue-actions.ts). */
const SEND: Record<JobAction, (id: string) => [string, unknown]> = {
  pause: (id) => ['queue:pause', { ids: [id] }],
  resume: (id) => ['queue:resume', { ids: [id] }],
  retry: (id) => ['queue:retry', { ids: [id] }],
  cancel: (id) => ['queue:cancel', { ids: [id] }],
  remove: (id) => ['queue:remove', { ids: [id] }],
  'move-to-top': (id) => ['queue:reorder', { ids: [id], position: 'top' }],
};

/** The shortest walk along the transition table from queued to `target` (the table is the only map). */
function pathTo(target: JobState): JobState[] {
  const previous = new Map<JobState, JobState>();
  const seen = new Set<JobState>(['queued']);
  const frontier: JobState[] = ['queued'];
  while (frontier.length > 0) {
    const at = frontier.shift()!;
    for (const next of nextStates(at)) {
      if (seen.has(next)) continue;
      seen.add(next);
      previous.set(next, at);
      frontier.push(next);
    }
  }
  const path: JobState[] = [];
  for (let at: JobState | undefined = target; at !== undefined && at !== 'queued'; at = previous.get(at)) {
    path.unshift(at);
  }
  return path;
}

function statusFor(state: JobState): JobStatus {
  switch (state) {
    case 'retrying':
      return { state, attempt: 1, lastError: { code: 'NetworkError', message: 'reset' } };
    case 'failed':
      return { state, error: { code: 'NetworkError', message: 'reset' } };
    case 'source-missing':
      return { state, reason: 'gone' };
    case 'done':
      return { state, mediaId: 'media-1' };
    default:
      return { state } as JobStatus;
  }
}

const cases = JOB_STATES.flatMap((state) => allowedActions(state).map((action) => ({ state, action })));

/**
 * Property over every state: whatever the UI offers for a job (allowedActions) is carried out when sent
 * through the contract, as the renderer sends it; nothing offered is refused or silently ignored. The
 * engine is not started, so no job moves on its own between the set-up and the check.
 */
describe('every action offered for every state is accepted', () => {
  let services: AppServices;
  let internals: AppInternals;
  let dispatch: Dispatch;
  const dir = tempDir('vod-actions-');

  beforeAll(async () => {
    ({ services, internals } = await createAppServicesWithInternals({
      dataDir: dir.dir,
      redactor: new Redactor(),
      logger: nullLogger,
      desktop: noDesktop,
      vodStatusPollMs: 0,
      autoStart: false,
    }));
    dispatch = createDispatcher(services.handlers);
  });

  afterAll(async () => {
    await services?.shutdown();
    await rm(dir.dir, { recursive: true, force: true });
  });

  function jobIn(state: JobState): string {
    const { jobs } = internals.store;
    const job = newJob({ profileId: null });
    // Another job first, so that "move to top" has something to move past.
    jobs.insertMany([newJob({ profileId: null }), job]);
    for (const step of pathTo(state)) {
      if (step === 'done') jobs.markDone(job.id, { mediaId: 'media-1', crc64: null });
      else jobs.setStatus(job.id, statusFor(step));
    }
    expect(jobs.get(job.id)?.status.state).toBe(state);
    return job.id;
  }

  it('covers every state', () => {
    expect(new Set(cases.map((c) => c.state))).toEqual(new Set(JOB_STATES));
  });

  it.each(cases)('$state: $action', async ({ state, action }) => {
    const id = jobIn(state);
    const [channel, request] = SEND[action](id);
    const result = await dispatch(channel, request);
    expect(result).toMatchObject({ ok: true });
    const after = internals.store.jobs.get(id);
    switch (action) {
      case 'remove':
        expect(after).toBeUndefined();
        break;
      case 'move-to-top': {
        const first = internals.store.jobs.list()[0];
        expect(first?.id).toBe(id);
        expect(after?.status.state).toBe(state);
        break;
      }
      default:
        expect(after?.status.state).toBe(INTENT_TARGET[action]);
    }
  });
});
