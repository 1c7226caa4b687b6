import { describe, expect, it } from 'vitest';
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
    expect(tracker.update(view('a', { state: 'done', mediaId: 'M1' }, 1000), 0)).toEqual([
      { event: 'started', path: '/in/a.mp4', size: 1000, resumedFrom: 0 },
      { event: 'done', path: '/in/a.mp4', mediaId: 'M1', kind: 'video' },
    ]);
    expect(tracker.allSettled()).toBe(false);
    expect(tracker.update(view('b', { state: 'failed', error }), 0)).toEqual([
      { event: 'failed', path: '/in/b.mp4', code: 'InternalError', message: 'boom' },
    ]);
    expect(tracker.allSettled()).toBe(true);
    expect(tracker.summary()).toEqual({
      done: [{ path: '/in/a.mp4', mediaId: 'M1', kind: 'video' }],
      failed: [{ path: '/in/b.mp4', code: 'InternalError', message: 'boom' }],
      skipped: [{ path: '/in/x.txt', reason: 'unsupported' }],
    });
  });

  it('starts once, throttles progress per file, and reports each retry attempt once', () => {
    const tracker = new BatchTracker([view('a', queued, 200)], [], 1000);
    const events = (v: JobView, t: number) => tracker.update(v, t).map((e) => e.event);
    expect(events(view('a', uploading, 300), 0)).toEqual(['started', 'progress']);
    expect(events(view('a', uploading, 400), 500)).toEqual([]);
    expect(events(view('a', uploading, 500), 1000)).toEqual(['progress']);
    const retrying: JobStatus = { state: 'retrying', attempt: 1, lastError: error };
    expect(events(view('a', retrying, 500), 1100)).toEqual(['retrying']);
    expect(events(view('a', retrying, 500), 1200)).toEqual([]);
    expect(events(view('a', { ...retrying, attempt: 2 }, 500), 1300)).toEqual(['retrying']);
    expect(tracker.active().map((v) => v.id)).toEqual(['a']);
  });

  it('reports where a resumed job started from', () => {
    const tracker = new BatchTracker([view('a', queued, 600)]);
    expect(tracker.update(view('a', uploading, 650), 0)[0]).toEqual({
      event: 'started',
      path: '/in/a.mp4',
      size: 1000,
      resumedFrom: 600,
    });
  });

  it('counts a missing source and a cancel as failed, and ignores other jobs and late updates', () => {
    const tracker = new BatchTracker([view('a', queued), view('b', queued)]);
    expect(tracker.update(view('z', uploading), 0)).toEqual([]);
    tracker.update(view('a', { state: 'source-missing', reason: 'The file was deleted.' }), 0);
    tracker.update(view('b', { state: 'canceled' }), 0);
    expect(tracker.update(view('b', { state: 'done', mediaId: 'late' }), 0)).toEqual([]);
    expect(tracker.summary().failed).toEqual([
      { path: '/in/a.mp4', code: 'SOURCE_MISSING', message: 'The file was deleted.' },
      { path: '/in/b.mp4', code: 'CANCELED', message: 'The upload was canceled.' },
    ]);
    expect(tracker.summary().done).toEqual([]);
  });

  it('totals the batch with settled files counted in full', () => {
    const tracker = new BatchTracker([view('a', queued), view('b', queued)]);
    tracker.update(view('a', { state: 'done', mediaId: 'M' }, 1000), 0);
    tracker.update(view('b', uploading, 250), 0);
    expect(tracker.totals()).toEqual({ bytesDone: 1250, bytesTotal: 2000, speed: 100, done: 1, jobs: 2 });
    expect(tracker.pendingIds()).toEqual(['b']);
  });
});
