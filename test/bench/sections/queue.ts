import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { QueueScaleTask } from '../children/queue-scale';
import { runChild } from '../lib/child';
import { startEmulatorProcess } from '../lib/emulator-process';
import { sparseFile } from '../lib/files';
import { MiB } from '../lib/units';

export interface QueueResult {
  readonly files: number;
  readonly addMs: number;
  readonly openMs: number;
  readonly restoreMs: number;
  readonly listedJobs: number;
  readonly activeAtStart: number;
  readonly progressEventsPerSec: number;
  readonly changedRowsPerEvent: number;
  readonly maxChangedRows: number;
  /** Snapshots that carried every row (10,000) while the events were counted. */
  readonly fullSnapshots: number;
  readonly maxGapBetweenEventsMs: number;
  readonly eventLoopP99Ms: number;
  readonly eventLoopMaxMs: number;
}

/**
 * `files` sparse 1 MiB videos in folders of 100, then the queue-scale child. The emulator's bandwidth is
 * capped (4 MB/s) so the active uploads stay active while progress events are counted.
 */
export async function measureQueue(scratch: string, files: number, observeMs: number): Promise<QueueResult> {
  const root = join(scratch, 'many');
  for (let i = 0; i < files; i++) {
    const dir = join(root, `reel-${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) mkdirSync(dir, { recursive: true });
    sparseFile(join(dir, `clip-${String(i).padStart(5, '0')}.mp4`), MiB);
  }
  const emu = await startEmulatorProcess({ sink: true, bandwidth: 4 * MiB });
  try {
    const task: QueueScaleTask = {
      config: emu.config,
      dataDir: join(scratch, 'queue-data'),
      root,
      files,
      active: 8,
      observeMs,
    };
    return await runChild<QueueResult>('queue-scale', task);
  } finally {
    await emu.stop();
  }
}
