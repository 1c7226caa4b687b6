import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../shared/domain/engine-events';
import type { JobStatus } from '../../../shared/domain/job-status';
import type { JobView } from '../../../shared/domain/queue';
import { BatchTracker } from '../../../electron/cli/batch-tracker';

function view(id: string, status: JobStatus, bytesDone = 0, size = 1000): JobView {
  return {
    id,
    path: `/in/${id}.mp4`,
    name: `${id}.mp4`,
    relativeDir: '',
    kind: 'video',
    size,
    bytesDone,
    speed: bytesDone > 0 ? 100 : 0,
    etaSeconds: null,
    status,
    mediaId: status.state === 'done' ? status.mediaId : null,
    profileId: null,
    title: id,
    position: id.charCodeAt(0),
    addedAt: 0,
    retryCount: 0,
    lastError: null,
  };
}

const queued: JobStatus = { state: 'queued' };
const uploading: JobStatus = { state: 'uploading' };
const error = { code: 'InternalError', message: 'boom' };
const settled = (jobId: string, status: JobStatus): EngineEvent => ({ type: 'job-settled', jobId, status });
const started = (jobId: string, resumedFrom = 0): EngineEvent => ({
  type: 'job-started',
  jobId,
  resumedFrom,
});

describe('BatchTracker', () => {
  it('announces queued and skipped files, then settles with the exact summary shape', () => {
    const tracker = new BatchTracker(
      [view('a', queued), view('b', queued)],
      [{ path: '/in/x.txt', reason: 'unsupported' }],
    );
    expect(tracker.openingEvents()).toEqual([
      { event: 'queued', path: '/in/a.mp4', size: 1000, kind: 'video' },
      { event: 'queued', path: '/in/b.mp4', size: 1000, kind: 'video' },
      { event: 'skipped', path: '/in/x.txt', reason: 'unsupported' },
    ]);
    expect(tracker.event(started('a'))).toEqual([
      { event: 'started', path: '/in/a.mp4', size: 1000, resumedFrom: 0 },
    ]);
    expect(tracker.event(settled('a', { state: 'done', mediaId: 'M1' }))).toEqual([
      { event: 'done', path: '/in/a.mp4', mediaId: 'M1', kind: 'video' },
    ]);
    expect(tracker.allSettled()).toBe(false);
    expect(tracker.event(settled('b', { state: 'failed', error }))).toEqual([
      { event: 'failed', path: '/in/b.mp4', code: 'InternalError', message: 'boom' },
    ]);
    expect(tracker.allSettled()).toBe(true);
    expect(tracker.summary()).toEqual({
      done: [{ path: '/in/a.mp4', mediaId: 'M1', kind: 'video' }],
      failed: [{ path: '/in/b.mp4', code: 'InternalError', message: 'boom' }],
      skipped: [{ path: '/in/x.txt', reason: 'unsupported' }],
    });
  });

  it('starts a job that went straight to done (the events still come out whole)', () => {
    const tracker = new BatchTracker([view('a', queued)]);
    expect(tracker.event(settled('a', { state: 'done', mediaId: 'M1' })).map((e) => e.event)).toEqual([
      'started',
      'done',
    ]);
  });

  it('starts once, throttles progress per file, and reports each retry attempt once', () => {
    const tracker = new BatchTracker([view('a', queued, 200)], [], 1000);
    const progress = (v: JobView, t: number) => tracker.progress(v, t).map((e) => e.event);
    expect(progress(view('a', uploading, 250), 0)).toEqual([]); // not started yet: no progress line
    expect(tracker.event(started('a', 200)).map((e) => e.event)).toEqual(['started']);
    expect(tracker.event(started('a', 200))).toEqual([]);
    expect(progress(view('a', uploading, 300), 0)).toEqual(['progress']);
    expect(progress(view('a', uploading, 400), 500)).toEqual([]);
    expect(progress(view('a', uploading, 500), 1000)).toEqual(['progress']);
    const retrying = (attempt: number): EngineEvent => ({ type: 'job-retrying', jobId: 'a', attempt, error });
    expect(tracker.event(retrying(1)).map((e) => e.event)).toEqual(['retrying']);
    expect(tracker.event(retrying(1))).toEqual([]);
    expect(tracker.event(retrying(2))).toEqual([
      { event: 'retrying', path: '/in/a.mp4', attempt: 2, code: 'InternalError', message: 'boom' },
    ]);
    expect(tracker.active().map((v) => v.id)).toEqual(['a']);
  });

  it('reports where a resumed job started from', () => {
    const tracker = new BatchTracker([view('a', queued, 600)]);
    expect(tracker.event(started('a', 600))[0]).toEqual({
      event: 'started',
      path: '/in/a.mp4',
      size: 1000,
      resumedFrom: 600,
    });
  });

  it('counts a missing source, a cancel and a removal as failed, and ignores other jobs and late events', () => {
    const tracker = new BatchTracker([view('a', queued), view('b', queued), view('c', queued)]);
    expect(tracker.event(started('z'))).toEqual([]);
    expect(tracker.event({ type: 'idle' })).toEqual([]);
    tracker.event(settled('a', { state: 'source-missing', reason: 'The file was deleted.' }));
    tracker.event(settled('b', { state: 'canceled' }));
    tracker.event({ type: 'job-removed', jobId: 'c' });
    expect(tracker.event(settled('b', { state: 'done', mediaId: 'late' }))).toEqual([]);
    expect(tracker.summary().failed).toEqual([
      { path: '/in/a.mp4', code: 'SOURCE_MISSING', message: 'The file was deleted.' },
      { path: '/in/b.mp4', code: 'CANCELED', message: 'The upload was canceled.' },
      { path: '/in/c.mp4', code: 'CANCELED', message: 'The upload was canceled.' },
    ]);
    expect(tracker.summary().done).toEqual([]);
    expect(tracker.allSettled()).toBe(true);
  });

  it('totals the batch with settled files counted in full', () => {
    const tracker = new BatchTracker([view('a', queued), view('b', queued)]);
    tracker.event(settled('a', { state: 'done', mediaId: 'M' }));
    tracker.event(started('b'));
    tracker.progress(view('b', uploading, 250), 0);
    expect(tracker.totals()).toEqual({ bytesDone: 1250, bytesTotal: 2000, speed: 100, done: 1, jobs: 2 });
    expect(tracker.pendingIds()).toEqual(['b']);
  });
});
