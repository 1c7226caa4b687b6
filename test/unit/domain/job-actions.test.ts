import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  INTENT_TARGET,
  isAllowed,
  JOB_ACTIONS,
  statesAllowing,
} from '../../../shared/domain/job-actions';
import { JOB_STATES, type JobState } from '../../../shared/domain/job-status';
import { isFinal, isSettled, JOB_TRANSITIONS } from '../../../shared/domain/job-transitions';

/** What each state offers, written out independently of the derivation. */
const OFFERED: Record<JobState, string> = {
  queued: 'pause cancel move-to-top',
  preparing: 'pause cancel',
  uploading: 'pause cancel',
  retrying: 'pause cancel',
  verifying: 'pause cancel',
  paused: 'resume cancel move-to-top',
  failed: 'retry remove',
  'source-missing': 'retry remove',
  done: 'remove',
  canceled: 'remove',
};

describe('allowedActions', () => {
  it('does not offer Retry for a canceled job (canceled is final: the engine would ignore it)', () => {
    expect(isAllowed('canceled', 'retry')).toBe(false);
    expect(allowedActions('canceled')).toEqual(['remove']);
  });

  it.each(JOB_STATES.map((state) => [state]))('%s offers exactly what the table allows', (state) => {
    expect(allowedActions(state).join(' ')).toBe(OFFERED[state]);
  });

  it('names every action in JOB_ACTIONS order and each at most once', () => {
    for (const state of JOB_STATES) {
      const actions = allowedActions(state);
      expect(actions).toEqual(JOB_ACTIONS.filter((a) => actions.includes(a)));
    }
  });

  it('offers an intent exactly where the transition table has an edge it causes, leading to its target', () => {
    for (const from of JOB_STATES) {
      for (const [to, cause] of Object.entries(JOB_TRANSITIONS[from])) {
        if (cause === 'engine') continue;
        expect(to, `${from} --${cause}--> ${to}`).toBe(INTENT_TARGET[cause]);
        expect(isAllowed(from, cause), `${from} offers ${cause}`).toBe(true);
      }
      for (const intent of ['pause', 'resume', 'retry', 'cancel'] as const) {
        if (!isAllowed(from, intent)) continue;
        expect(JOB_TRANSITIONS[from][INTENT_TARGET[intent]], `${from} has an edge for ${intent}`).toBe(
          intent,
        );
      }
    }
  });

  it('lists states by action for queries', () => {
    expect(statesAllowing('retry')).toEqual(['failed', 'source-missing']);
    expect(statesAllowing('resume')).toEqual(['paused']);
  });
});

describe('state classes derived from the table', () => {
  it('final: done and canceled (nothing leaves them)', () => {
    expect(JOB_STATES.filter(isFinal)).toEqual(['done', 'canceled']);
  });

  it('settled: the engine moves them no further on its own', () => {
    expect(JOB_STATES.filter(isSettled)).toEqual(['done', 'failed', 'canceled', 'source-missing']);
  });
});
