import { randomBytes } from 'node:crypto';
import { cp, mkdir, open, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WatchService } from '../../../electron/core/watch/watch-service';
import { AppHarness, waitFor as waitUntil } from '../../helpers/app-harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SETTLE_MS = 2500;
const waitFor = (predicate: () => boolean, timeoutMs = 90_000) => waitUntil(predicate, timeoutMs, 100);

/**
 * Watch folders on the real file system, queued through the real engine into the real emulator: files are
 * queued once complete (not while written), bursts arrive once each, temporary names never go up.
 */
describe('watch folders', () => {
  let h: AppHarness;
  let watched: string;
  let watch: WatchService;

  beforeAll(async () => {
    h = await AppHarness.start({
      prefix: 'vod-watch-',
      profileSettings: { filesAtOnce: 16, partSize: 256 * 1024 },
    });
    watched = join(h.root, 'Exports');
    await mkdir(watched);
    watch = new WatchService({
      store: h.internals.store.watchFolders,
      enqueue: (paths, options) => h.internals.engine.enqueue(paths, options),
      settleMs: SETTLE_MS,
      presenceCheckMs: 500,
    });
    await watch.start();
    await watch.add({ path: watched, options: { tags: ['watched'] } });
  });

  afterAll(async () => {
    await watch?.stop();
    await h?.stop();
  });

  const jobsAt = (path: string) => h.internals.store.jobs.list().filter((j) => j.path === path);
  /** The profile's title template is '{name}': the file name without its extension. */
  const mediaTitled = (title: string) => h.emulator.state().media.filter((m) => m.title === title);

  it('queues a file written slowly over 10 s only once it is complete, and uploads it once', async () => {
    const path = join(watched, 'slow.mp4');
    const chunk = 64 * 1024;
    const handle = await open(path, 'w');
    try {
      for (let i = 0; i < 11; i++) {
        await handle.write(randomBytes(chunk));
        await handle.sync();
        expect(jobsAt(path)).toHaveLength(0);
        await sleep(1000);
      }
    } finally {
      await handle.close();
    }
    expect(jobsAt(path)).toHaveLength(0);
    await waitFor(() => jobsAt(path)[0]?.status.state === 'done');
    expect(jobsAt(path)).toHaveLength(1);
    const job = jobsAt(path)[0]!;
    expect(job.size).toBe(11 * chunk);
    expect(job.metadata.tags).toEqual(['watched']);
    const media = mediaTitled('slow');
    expect(media).toHaveLength(1);
    const object = h.emulator.state().objects.find((o) => o.key === media[0]!.key);
    expect(object?.size).toBe(11 * chunk);
    // Seen again (touched without change, a later walk): the duplicate rule keeps it from going twice.
    await watch.checkNow();
    expect(jobsAt(path)).toHaveLength(1);
  }, 60_000);

  it('takes 500 files copied in at once, each exactly once', async () => {
    const staging = join(h.root, 'card');
    await mkdir(staging);
    for (let i = 0; i < 500; i++) {
      await writeFile(join(staging, `C${String(i).padStart(4, '0')}.mp4`), randomBytes(1000 + i));
    }
    const target = join(watched, 'Card01');
    await cp(staging, target, { recursive: true });
    const inCard = () => h.internals.store.jobs.list().filter((j) => j.path.startsWith(`${target}/`));
    await waitFor(() => inCard().length === 500 && inCard().every((j) => j.status.state === 'done'), 240_000);
    expect(new Set(inCard().map((j) => j.path)).size).toBe(500);
    expect(inCard().every((j) => j.relativeDir === 'Exports/Card01')).toBe(true);
    const titles = h.emulator
      .state()
      .media.map((m) => m.title)
      .filter((t) => /^C\d{4}$/.test(t));
    expect(titles).toHaveLength(500);
    expect(new Set(titles).size).toBe(500);
  }, 300_000);

  it('uploads a temporary file renamed to its final name under the final name only', async () => {
    const downloads = [
      ['clip.mov.part', 'clip.mov'],
      ['clip2.mp4.crdownload', 'clip2.mp4'],
      // A temporary name that is itself a video name: left alone even once it is still.
      ['~clip3.mp4', 'clip3.mp4'],
    ] as const;
    for (const [temp] of downloads) await writeFile(join(watched, temp), randomBytes(50_000));
    await writeFile(join(watched, '._clip4.mp4'), randomBytes(4096));
    await sleep(SETTLE_MS * 2);
    await watch.checkNow();
    for (const [temp] of downloads) expect(jobsAt(join(watched, temp))).toHaveLength(0);
    for (const [temp, final] of downloads) await rename(join(watched, temp), join(watched, final));
    for (const [, final] of downloads) {
      await waitFor(() => jobsAt(join(watched, final))[0]?.status.state === 'done');
      expect(mediaTitled(final.replace(/\.\w+$/, ''))).toHaveLength(1);
    }
    const names = h.internals.store.jobs.list().map((j) => j.name);
    expect(names.filter((n) => /part|crdownload|~|\._/.test(n))).toEqual([]);
    // A temporary file's title would keep its final extension ('clip.mov' from 'clip.mov.part').
    expect(h.emulator.state().media.filter((m) => /\.(mov|mp4)|~|^\._/.test(m.title))).toEqual([]);
  }, 120_000);
});
