import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/queue/database';
import { toJobView } from '../../../electron/core/queue/job-row';
import { createQueueService } from '../../../electron/core/queue/queue-service';
import { createQueueStore } from '../../../electron/core/queue/queue-store';
import { addPaths, tempDir } from './temp-db';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/**
 * Scale: 10,000 small files in 100 folders, added through the real scan into a real database file, then the
 * database is closed, reopened and the whole queue listed, as after a restart. Timings are printed for the
 * issue note; the benchmark suite owns the thresholds.
 */
describe('10,000 queued files', () => {
  it('adds them, reopens the database and restores the queue', async () => {
    const media = tempDir('vod-10k-');
    const data = tempDir('vod-10k-db-');
    cleanups.push(media.cleanup, data.cleanup);
    const root = join(media.dir, 'Shoot');
    for (let d = 0; d < 100; d++) {
      const dir = join(root, `Card${String(d).padStart(3, '0')}`);
      mkdirSync(dir, { recursive: true });
      for (let f = 0; f < 100; f++)
        writeFileSync(join(dir, `C${String(f).padStart(4, '0')}.mp4`), `clip ${d} ${f}`);
    }
    const file = join(data.dir, 'queue.db');

    let t0 = performance.now();
    const first = openDatabase(file);
    const firstStore = createQueueStore(first.db);
    const summary = await addPaths(createQueueService({ store: firstStore }), firstStore, [root]);
    const addMs = performance.now() - t0;
    first.close();
    expect(summary.added).toBe(10_000);
    expect(summary.skipped).toEqual([]);

    t0 = performance.now();
    const second = openDatabase(file);
    const store = createQueueStore(second.db);
    const recovered = store.jobs.recoverInterruptedJobs({ autoResume: true });
    const reopenMs = performance.now() - t0;
    t0 = performance.now();
    const views = store.jobs.list().map(toJobView);
    const totals = store.jobs.totals();
    const listMs = performance.now() - t0;
    t0 = performance.now();
    const again = await addPaths(createQueueService({ store }), store, [root]);
    const dupMs = performance.now() - t0;
    second.close();

    console.log(
      `10k files: add (scan + duplicate check + insert) ${addMs.toFixed(0)} ms; reopen + recover ${reopenMs.toFixed(0)} ms; ` +
        `list 10k JobViews + totals ${listMs.toFixed(0)} ms; re-add all as duplicates ${dupMs.toFixed(0)} ms`,
    );
    expect(recovered).toEqual([]);
    expect(views).toHaveLength(10_000);
    expect(views[0]).toMatchObject({ relativeDir: 'Shoot/Card000', name: 'C0000.mp4', position: 1 });
    expect(views[9_999]).toMatchObject({ relativeDir: 'Shoot/Card099', name: 'C0099.mp4', position: 10_000 });
    expect(totals.counts).toEqual({ queued: 10_000 });
    expect(again.added).toBe(0);
    expect(again.duplicates).toHaveLength(10_000);
  });
});
