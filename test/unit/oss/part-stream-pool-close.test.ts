import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PartStream } from '../../../electron/core/oss/part-stream';
import { ReadPartPool } from '../../../electron/core/oss/read-part-pool';

const dir = mkdtempSync(join(tmpdir(), 'part-stream-close-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Lets every pending rejection be reported: Node checks for unhandled ones after the microtask queue drains. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('PartStream when its read pool closes mid-part (an engine shut down mid-upload)', () => {
  it('leaves no unhandled rejection from the chunk read ahead, and the reader still sees the closed pool', async () => {
    const path = join(dir, 'part.bin');
    writeFileSync(path, randomBytes(4 * 1024 * 1024));
    const source = { path, fileSize: 4 * 1024 * 1024, mtimeMatches: () => true };
    const pool = new ReadPartPool(1);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const chunks = new PartStream(pool, source, 0, 256 * 1024, 64 * 1024).chunks();
      const first = chunks.next();
      // Keeps the only worker busy once the first chunk is answered, so the read ahead waits in the queue.
      const busy = pool.hashRange(path, 0, 4 * 1024 * 1024).catch(() => undefined);
      const got = await first;
      expect(got.done).toBe(false);
      // The stream is suspended at its yield with the next chunk's read queued; the engine shuts down.
      await pool.close();
      await settle();
      expect(unhandled).toEqual([]);
      await expect(chunks.next()).rejects.toThrow('The read pool is closed');
      await busy;
      await settle();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
