import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type QueueDatabase } from '../../../electron/core/queue/database';
import type { NewJob } from '../../../electron/core/queue/jobs-repository-port';
import { createQueueStore, type QueueStore } from '../../../electron/core/queue/queue-store';
import type { AddOptions, QueueService } from '../../../electron/core/queue/queue-service';
import type { AddSummary } from '../../../shared/domain/queue';

/** A fresh temp folder, removed by the returned cleanup. */
export function tempDir(prefix = 'vod-queue-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A real queue database file in a temp folder, with its repositories. */
export function openTempStore(now?: () => number): {
  dir: string;
  file: string;
  database: QueueDatabase;
  store: QueueStore;
  reopen: () => QueueStore;
  cleanup: () => void;
} {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'queue.db');
  let database = openDatabase(file);
  const options = now ? { now } : {};
  const result = {
    dir,
    file,
    database,
    store: createQueueStore(database.db, options),
    reopen() {
      database.close();
      database = openDatabase(file);
      result.database = database;
      result.store = createQueueStore(database.db, options);
      return result.store;
    },
    cleanup() {
      database.close();
      cleanup();
    },
  };
  return result;
}

let counter = 0;

export function newJob(overrides: Partial<NewJob> = {}): NewJob {
  counter += 1;
  return {
    id: `job-${counter}`,
    path: `/media/Rushes/Day1/A${String(counter).padStart(3, '0')}.mov`,
    root: '/media',
    relativeDir: 'Rushes/Day1',
    name: `A${String(counter).padStart(3, '0')}.mov`,
    kind: 'video',
    businessType: null,
    size: 10_000_000,
    mtimeMs: 1_700_000_000_000,
    profileId: 'p1',
    title: `A${counter}`,
    metadata: { titleTemplate: '{name}', tags: [] },
    ...overrides,
  };
}

/** What the engine's enqueue does with the queue's intake (scan, decide, insert), for tests without an engine. */
export async function addPaths(
  service: QueueService,
  store: QueueStore,
  paths: readonly string[],
  options?: AddOptions,
): Promise<AddSummary> {
  const { jobs, summary } = service.decide(await service.scan(paths, options));
  store.jobs.insertMany(jobs);
  return summary;
}
