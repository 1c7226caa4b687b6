import { afterEach, describe, expect, it } from 'vitest';
import { toJobView } from '../../../electron/core/queue/job-row';
import { JobViewSchema } from '../../../shared/domain/queue';
import { newJob, openTempStore } from './temp-db';

let clock = 1_000;
const now = () => clock;
const opened: { cleanup: () => void }[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) o.cleanup();
});

function setup() {
  const t = openTempStore(now);
  opened.push(t);
  return t;
}

const grant = {
  mediaId: 'vid-1',
  uploadAddress: Buffer.from('{"Endpoint":"https://oss","Bucket":"b","FileName":"k/1.mov"}').toString(
    'base64',
  ),
  endpoint: 'https://oss-cn-shanghai.aliyuncs.com',
  bucket: 'outin-1',
  objectKey: 'sv/1/1.mov',
};

/** Walks a job through the states the engine uses before parts: queued → preparing → uploading. */
function startUpload(t: ReturnType<typeof setup>, id: string) {
  t.store.jobs.setStatus(id, { state: 'preparing' });
  t.store.jobs.recordGrant(id, grant);
  t.store.jobs.recordUploadId(id, 'upload-1', 1_048_576);
  t.store.jobs.setStatus(id, { state: 'uploading' });
}

describe('jobs repository', () => {
  it('inserts at the end of the queue and lists runnable jobs in queue order', () => {
    const t = setup();
    const [a, b, c] = [newJob(), newJob(), newJob()];
    t.store.jobs.insertMany([a!, b!]);
    t.store.jobs.insertMany([c!]);
    expect(t.store.jobs.list().map((j) => j.id)).toEqual([a!.id, b!.id, c!.id]);
    t.store.jobs.setStatus(a!.id, { state: 'paused' });
    expect(t.store.jobs.listRunnable(10).map((j) => j.id)).toEqual([b!.id, c!.id]);
    expect(t.store.jobs.listRunnable(1).map((j) => j.id)).toEqual([b!.id]);
  });

  it('reorders to top and bottom, keeping the moved jobs’ relative order', () => {
    const t = setup();
    const jobs = [newJob(), newJob(), newJob(), newJob()];
    t.store.jobs.insertMany(jobs);
    const [a, b, c, d] = jobs.map((j) => j.id);
    t.store.jobs.reorder([d!, c!], 'top');
    expect(t.store.jobs.list().map((j) => j.id)).toEqual([c, d, a, b]);
    t.store.jobs.reorder([c!, 'unknown'], 'bottom');
    expect(t.store.jobs.list().map((j) => j.id)).toEqual([d, a, b, c]);
    expect(t.store.jobs.listRunnable(2).map((j) => j.id)).toEqual([d, a]);
  });

  it('persists grant, upload id and parts in order, survives a reopen, and never stores UploadAuth', () => {
    const t = setup();
    const job = newJob({ size: 2_500_000 });
    t.store.jobs.insertMany([job]);
    startUpload(t, job.id);
    t.store.parts.recordPart(job.id, {
      partNumber: 1,
      offset: 0,
      size: 1_048_576,
      etag: '"e1"',
      crc64: '11',
    });
    t.store.parts.recordPart(job.id, {
      partNumber: 2,
      offset: 1_048_576,
      size: 1_048_576,
      etag: '"e2"',
      crc64: '22',
    });

    const store = t.reopen();
    const row = store.jobs.getOrThrow(job.id);
    expect(row).toMatchObject({
      mediaId: 'vid-1',
      uploadAddress: grant.uploadAddress,
      ossEndpoint: grant.endpoint,
      ossBucket: 'outin-1',
      objectKey: 'sv/1/1.mov',
      uploadId: 'upload-1',
      partSize: 1_048_576,
      bytesDone: 2_097_152,
      status: { state: 'uploading' },
    });
    expect(store.parts.list(job.id).map((p) => [p.partNumber, p.etag, p.crc64])).toEqual([
      [1, '"e1"', '11'],
      [2, '"e2"', '22'],
    ]);
    // Re-sending a part replaces it, and bytes_done stays the sum of the parts.
    store.parts.recordPart(job.id, {
      partNumber: 2,
      offset: 1_048_576,
      size: 1_048_576,
      etag: '"e2b"',
      crc64: '23',
    });
    expect(store.jobs.getOrThrow(job.id).bytesDone).toBe(2_097_152);
    const raw = JSON.stringify(t.database.db.prepare('SELECT * FROM jobs').all());
    expect(raw).not.toMatch(/SecurityToken|AccessKeySecret/);
  });

  it('keeps bytes_done the sum of the parts on record as parts arrive, out of order and re-sent at other sizes', () => {
    const t = setup();
    const job = newJob({ size: 10_000_000 });
    t.store.jobs.insertMany([job]);
    startUpload(t, job.id);
    const sum = (): number =>
      (
        t.database.db
          .prepare('SELECT coalesce(sum(size), 0) AS n FROM parts WHERE job_id = ?')
          .get(job.id) as {
          n: number;
        }
      ).n;
    const record = (partNumber: number, size: number): void =>
      t.store.parts.recordPart(job.id, {
        partNumber,
        offset: (partNumber - 1) * 1000,
        size,
        etag: '"e"',
        crc64: '1',
      });
    const steps: [number, number][] = [
      [3, 1000],
      [1, 1000],
      [2, 1000],
      [2, 400], // re-sent smaller (a resume with another part size)
      [5, 700],
      [3, 1000], // re-sent the same
      [1, 1500], // re-sent larger
    ];
    for (const [partNumber, size] of steps) {
      record(partNumber, size);
      expect(t.store.jobs.getOrThrow(job.id).bytesDone).toBe(sum());
    }
    expect(t.store.jobs.getOrThrow(job.id).bytesDone).toBe(1500 + 400 + 1000 + 700);
    // After a reconcile replaced the parts, new parts count from the server's sum.
    t.store.parts.replaceAll(job.id, [{ partNumber: 1, offset: 0, size: 1000, etag: '"a"', crc64: '1' }]);
    record(2, 1000);
    expect(t.store.jobs.getOrThrow(job.id).bytesDone).toBe(2000);
    expect(sum()).toBe(2000);
  });

  it('refuses a part for a job without an upload id, and writes nothing', () => {
    const t = setup();
    const job = newJob();
    t.store.jobs.insertMany([job]);
    expect(() =>
      t.store.parts.recordPart(job.id, { partNumber: 1, offset: 0, size: 1, etag: '"e"', crc64: '1' }),
    ).toThrow(expect.objectContaining({ code: 'NO_UPLOAD_ID' }));
    expect(t.store.parts.list(job.id)).toEqual([]);
    expect(() =>
      t.store.parts.recordPart('nope', { partNumber: 1, offset: 0, size: 1, etag: '"e"', crc64: '1' }),
    ).toThrow(expect.objectContaining({ code: 'JOB_NOT_FOUND' }));
  });

  it('replaces parts with the server’s list on reconcile, and drops them when the object key changes', () => {
    const t = setup();
    const job = newJob();
    t.store.jobs.insertMany([job]);
    startUpload(t, job.id);
    t.store.parts.recordPart(job.id, { partNumber: 1, offset: 0, size: 100, etag: '"a"', crc64: '1' });
    t.store.parts.replaceAll(job.id, [
      { partNumber: 1, offset: 0, size: 100, etag: '"a"', crc64: '1' },
      { partNumber: 3, offset: 200, size: 100, etag: '"c"', crc64: '3' },
    ]);
    expect(t.store.parts.list(job.id).map((p) => p.partNumber)).toEqual([1, 3]);
    expect(t.store.jobs.getOrThrow(job.id).bytesDone).toBe(200);

    // The same key again (a RefreshUploadVideo): the upload and its parts are kept.
    t.store.jobs.recordGrant(job.id, grant);
    expect(t.store.jobs.getOrThrow(job.id).uploadId).toBe('upload-1');
    // A new key (an image re-created after its credential expired): the old upload is useless.
    t.store.jobs.recordGrant(job.id, { ...grant, mediaId: 'img-2', objectKey: 'image/2.png' });
    const row = t.store.jobs.getOrThrow(job.id);
    expect(row).toMatchObject({ mediaId: 'img-2', objectKey: 'image/2.png', uploadId: null, bytesDone: 0 });
    expect(t.store.parts.list(job.id)).toEqual([]);
  });

  it('refuses an illegal transition and changes nothing', () => {
    const t = setup();
    const job = newJob();
    t.store.jobs.insertMany([job]);
    expect(() => t.store.jobs.setStatus(job.id, { state: 'uploading' })).toThrow(
      expect.objectContaining({
        code: 'ILLEGAL_TRANSITION',
        message: `Job ${job.id} cannot go from queued to uploading.`,
      }),
    );
    expect(() => t.store.jobs.setStatus(job.id, { state: 'done', mediaId: 'x' })).toThrow(
      expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }),
    );
    expect(() => t.store.jobs.markDone(job.id, { mediaId: 'x', crc64: null })).toThrow(
      expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }),
    );
    expect(t.store.jobs.getOrThrow(job.id).status).toEqual({ state: 'queued' });
    expect(t.store.history.list().total).toBe(0);
  });

  it('records attempts and errors, and resets the count on a retry', () => {
    const t = setup();
    const job = newJob();
    t.store.jobs.insertMany([job]);
    startUpload(t, job.id);
    const lastError = { code: 'RequestTimeout', message: 'slow', requestId: 'r1' };
    t.store.jobs.setStatus(job.id, { state: 'retrying', attempt: 1, lastError });
    t.store.jobs.setStatus(job.id, { state: 'retrying', attempt: 2, lastError });
    expect(t.store.jobs.getOrThrow(job.id)).toMatchObject({ attempts: 2, lastError });
    const fatal = { code: 'AccessDenied', message: 'no', requestId: 'r2' };
    clock = 5_000;
    t.store.jobs.setStatus(job.id, { state: 'failed', error: fatal });
    expect(t.store.jobs.getOrThrow(job.id)).toMatchObject({ lastError: fatal, finishedAt: 5_000 });
    t.store.jobs.setStatus(job.id, { state: 'queued' });
    const view = toJobView(t.store.jobs.getOrThrow(job.id));
    expect(JobViewSchema.parse(view)).toMatchObject({
      retryCount: 0,
      lastError: fatal,
      status: { state: 'queued' },
    });
    // The upload id survives the retry, so its parts are reused.
    expect(t.store.jobs.getOrThrow(job.id).uploadId).toBe('upload-1');
  });

  it('marks a verified job done and writes its history row in the same transaction', () => {
    const t = setup();
    const job = newJob({ title: '第一天 A001', name: '第一天.mov' });
    t.store.jobs.insertMany([job]);
    startUpload(t, job.id);
    t.store.jobs.setStatus(job.id, { state: 'verifying' });
    clock = 9_000;
    const done = t.store.jobs.markDone(job.id, { mediaId: 'vid-1', crc64: '123', profileName: 'Studio' });
    expect(done).toMatchObject({
      status: { state: 'done', mediaId: 'vid-1' },
      bytesDone: job.size,
      crc64: '123',
    });
    expect(t.store.history.list({ query: '第一天' }).rows).toEqual([
      expect.objectContaining({
        id: job.id,
        mediaId: 'vid-1',
        title: '第一天 A001',
        profileName: 'Studio',
        finishedAt: 9_000,
      }),
    ]);
    expect(t.store.jobs.clearFinished()).toBe(1);
    expect(t.store.jobs.list()).toEqual([]);
    expect(t.store.history.list().total).toBe(1);
  });

  it('recovers interrupted jobs to queued, or paused when auto-resume is off, keeping their parts', () => {
    const t = setup();
    const jobs = [newJob(), newJob(), newJob(), newJob()];
    t.store.jobs.insertMany(jobs);
    const [uploading, verifying, paused, queued] = jobs.map((j) => j.id) as [string, string, string, string];
    startUpload(t, uploading);
    t.store.parts.recordPart(uploading, { partNumber: 1, offset: 0, size: 100, etag: '"a"', crc64: '1' });
    startUpload(t, verifying);
    t.store.jobs.setStatus(verifying, { state: 'verifying' });
    t.store.jobs.setStatus(paused, { state: 'paused' });

    const store = t.reopen();
    expect(store.jobs.recoverInterruptedJobs({ autoResume: true }).sort()).toEqual(
      [uploading, verifying].sort(),
    );
    expect(store.jobs.list().map((j) => j.status.state)).toEqual(['queued', 'queued', 'paused', 'queued']);
    expect(store.parts.list(uploading)).toHaveLength(1);
    expect(store.jobs.listRunnable(10).map((j) => j.id)).toEqual([uploading, verifying, queued]);

    startUpload(t, uploading);
    expect(store.jobs.recoverInterruptedJobs({ autoResume: false })).toEqual([uploading]);
    expect(store.jobs.getOrThrow(uploading).status).toEqual({ state: 'paused' });
  });

  it('refuses to remove an active job and removes nothing; removes the rest with their parts', () => {
    const t = setup();
    const [a, b] = [newJob(), newJob()];
    t.store.jobs.insertMany([a!, b!]);
    startUpload(t, a!.id);
    t.store.parts.recordPart(a!.id, { partNumber: 1, offset: 0, size: 100, etag: '"a"', crc64: '1' });
    expect(() => t.store.jobs.remove([b!.id, a!.id])).toThrow(
      expect.objectContaining({ code: 'JOB_ACTIVE' }),
    );
    expect(t.store.jobs.list()).toHaveLength(2);
    t.store.jobs.setStatus(a!.id, { state: 'canceled' });
    expect(t.store.jobs.remove([a!.id, b!.id])).toBe(2);
    expect(t.database.db.prepare('SELECT count(*) AS n FROM parts').get()).toEqual({ n: 0 });
  });

  it('totals counts and bytes per state', () => {
    const t = setup();
    const [a, b, c] = [newJob({ size: 100 }), newJob({ size: 200 }), newJob({ size: 400 })];
    t.store.jobs.insertMany([a!, b!, c!]);
    startUpload(t, a!.id);
    t.store.parts.recordPart(a!.id, { partNumber: 1, offset: 0, size: 60, etag: '"a"', crc64: '1' });
    t.store.jobs.setStatus(c!.id, { state: 'canceled' });
    expect(t.store.jobs.totals()).toEqual({
      jobs: 3,
      active: 1,
      bytesTotal: 300,
      bytesDone: 60,
      speed: 0,
      etaSeconds: null,
      counts: { uploading: 1, queued: 1, canceled: 1 },
    });
  });
});
