import { describe, expect, it } from 'vitest';
import { canTransition, JOB_TRANSITIONS } from '../../../shared/domain/job-transitions';
import { JOB_STATES, type JobState } from '../../../shared/domain/job-status';

/**
 * The allowed transitions, written out independently of the implementation, one line per source state.
 * Every one of the 10 × 10 pairs is checked against this list: a pair missing here must be refused.
 */
const ALLOWED: Record<JobState, string> = {
  queued: 'preparing paused canceled source-missing',
  preparing: 'uploading verifying retrying queued paused failed canceled source-missing',
  uploading: 'verifying retrying queued paused failed canceled source-missing',
  retrying: 'retrying preparing uploading verifying queued paused failed canceled source-missing',
  verifying: 'done retrying queued paused failed canceled',
  paused: 'queued canceled source-missing',
  failed: 'queued canceled',
  'source-missing': 'queued canceled',
  done: '',
  canceled: '',
};

const pairs = JOB_STATES.flatMap((from) =>
  JOB_STATES.map((to) => ({
    from,
    to,
    allowed: ALLOWED[from].split(' ').includes(to),
  })),
);

describe('job status transitions', () => {
  it('has a row for every state and names only known states', () => {
    expect(Object.keys(JOB_TRANSITIONS).sort()).toEqual([...JOB_STATES].sort());
    for (const edges of Object.values(JOB_TRANSITIONS)) {
      for (const to of Object.keys(edges)) expect(JOB_STATES).toContain(to);
    }
  });

  it.each(pairs)('$from → $to allowed: $allowed', ({ from, to, allowed }) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('lets every active state fall back to queued and paused (crash recovery)', () => {
    for (const from of ['preparing', 'uploading', 'retrying', 'verifying'] as const) {
      expect(canTransition(from, 'queued')).toBe(true);
      expect(canTransition(from, 'paused')).toBe(true);
    }
  });

  it('reaches done only through verifying', () => {
    expect(JOB_STATES.filter((from) => canTransition(from, 'done'))).toEqual(['verifying']);
  });
});
