import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../shared/domain/engine-events';
import type { JobStatus } from '../../../shared/domain/job-status';
import type { JobView } from '../../../shared/domain/queue';
import { BatchTracker, type BatchEvent } from '../../../electron/cli/batch-tracker';
import { splitLeftOut } from '../../../electron/cli/left-out';
import { CauseGroups } from '../../../electron/cli/output/describe';

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
    const tracker = new BatchTracker([view('a', queued), view('b', queued)], {
      skipped: [{ path: '/in/x.txt', reason: 'unsupported' }],
    });
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
      unfinished: [],
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
    const tracker = new BatchTracker([view('a', queued, 200)], {}, 1000);
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

  it('puts every file of the run in one list: in VOD (now or earlier), failed, unfinished or skipped', () => {
    const tracker = new BatchTracker([view('a', queued), view('b', queued, 0, 500)], {
      skipped: [{ path: '/in/notes.txt', reason: '.txt files are not accepted by VOD' }],
      previously: [{ path: '/in/old.mp4', mediaId: 'M0', kind: 'video', destination: 'cn-shanghai' }],
      notUploadable: [{ path: '/in/empty.mp4', code: 'NOT_UPLOADABLE', message: 'empty file (0 bytes)' }],
    });
    expect(tracker.openingEvents(false).map((e) => e.event)).toEqual(['skipped', 'already', 'failed']);
    tracker.event(started('a'));
    tracker.event(settled('a', { state: 'done', mediaId: 'M1' }));
    tracker.event(started('b'));
    tracker.progress(view('b', uploading, 200, 500), 5000);
    // Ctrl-C: b goes back to the queue and is reported with what is on record.
    tracker.event({ type: 'job-queued', jobId: 'b' });
    expect(tracker.allSettled()).toBe(false);
    expect(tracker.summary()).toEqual({
      done: [
        { path: '/in/old.mp4', mediaId: 'M0', kind: 'video', destination: 'cn-shanghai', previously: true },
        { path: '/in/a.mp4', mediaId: 'M1', kind: 'video' },
      ],
      failed: [{ path: '/in/empty.mp4', code: 'NOT_UPLOADABLE', message: 'empty file (0 bytes)' }],
      unfinished: [{ path: '/in/b.mp4', state: 'queued', bytesDone: 200, size: 500 }],
      skipped: [{ path: '/in/notes.txt', reason: '.txt files are not accepted by VOD' }],
    });
  });
});

describe('CauseGroups', () => {
  const retrying = (path: string, attempt: number, code = 'SignatureDoesNotMatch') =>
    ({ event: 'retrying', path, attempt, code, message: 'The signature does not match.' }) as const;

  it('prints a cause once, counts the rest, and totals them at the end', () => {
    const groups = new CauseGroups();
    const printed = [
      retrying('/a.mp4', 1),
      retrying('/a.mp4', 2),
      retrying('/b.mp4', 1),
      retrying('/c.mp4', 1, 'InternalError'),
      {
        event: 'failed',
        path: '/a.mp4',
        code: 'SignatureDoesNotMatch',
        message: 'The signature does not match.',
      },
      {
        event: 'failed',
        path: '/b.mp4',
        code: 'SignatureDoesNotMatch',
        message: 'The signature does not match.',
      },
    ]
      .map((e) => groups.line(e as BatchEvent))
      .filter((line) => line !== undefined);
    expect(printed).toEqual([
      'retrying  /a.mp4 (attempt 1): SignatureDoesNotMatch The signature does not match. (further retries for SignatureDoesNotMatch are counted at the end)',
      'retrying  /c.mp4 (attempt 1): InternalError The signature does not match. (further retries for InternalError are counted at the end)',
      'FAILED    /a.mp4: SignatureDoesNotMatch The signature does not match.',
      'FAILED    /b.mp4: SignatureDoesNotMatch (as above)',
    ]);
    expect(groups.totals()).toEqual([
      'SignatureDoesNotMatch: 3 retries over 2 file(s).',
      'SignatureDoesNotMatch: 2 files failed: The signature does not match.',
    ]);
  });
});

describe('splitLeftOut', () => {
  it('counts media the run asked for as not uploadable, and leaves the rest skipped', () => {
    const out = splitLeftOut(
      [
        { path: '/in/notes.txt', reason: '.txt files are not accepted by VOD' },
        { path: '/in/._A001.mov', reason: 'macOS resource file' },
        { path: '/in/empty.mp4', reason: 'empty file (0 bytes)' },
        { path: '/in/link.mp4', reason: 'already in this batch' },
        { path: '/named.txt', reason: '.txt files are not accepted by VOD' },
      ],
      ['/in', '/named.txt'],
    );
    expect(out.skipped.map((s) => s.path)).toEqual(['/in/notes.txt', '/in/._A001.mov', '/in/link.mp4']);
    expect(out.notUploadable.map((s) => s.path)).toEqual(['/in/empty.mp4', '/named.txt']);
  });
});
