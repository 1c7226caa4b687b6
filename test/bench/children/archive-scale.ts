/**
 * Bench child: an archive added to the SQLite queue and restored, with the real composition root.
 * 1. add: `queue:add` of the folder tree (scan + classify + duplicate check + insert), engine not started.
 * 2. restore: what an app start does before the first list: open the data dir (createAppServices: SQLite
 *    open, migrations, crash recovery, engine), then the renderer's first `queue:list` (every row).
 * Times are taken inside this process after its modules are loaded: Node's and tsx's own start are not in
 * them (`processStartMs` says how long that took, for the record).
 */
import { openApp } from '../lib/app-driver';
import { readTask, reply } from '../lib/child';

export interface ArchiveScaleTask {
  readonly dataDir: string;
  readonly root: string;
}

export interface ArchiveScaleResult {
  readonly added: number;
  readonly addMs: number;
  readonly openMs: number;
  readonly firstListMs: number;
  /** open + first list: the "app start to first list" of the target. */
  readonly restoreMs: number;
  readonly listedJobs: number;
  readonly listBytes: number;
  readonly processStartMs: number;
}

const processStartMs = performance.now();
const task = readTask<ArchiveScaleTask>();

let app = await openApp({ dataDir: task.dataDir, autoStart: false });
let t = performance.now();
const added = await app.call<{ added: number }>('queue:add', { paths: [task.root] });
const addMs = performance.now() - t;
await app.services.shutdown();

t = performance.now();
app = await openApp({ dataDir: task.dataDir, autoStart: false });
const openMs = performance.now() - t;
const listed = await app.call<{ jobs: unknown[] }>('queue:list', {});
const restoreMs = performance.now() - t;
const listBytes = JSON.stringify(listed).length;
await app.services.shutdown();

reply({
  added: added.added,
  addMs,
  openMs,
  firstListMs: restoreMs - openMs,
  restoreMs,
  listedJobs: listed.jobs.length,
  listBytes,
  processStartMs,
} satisfies ArchiveScaleResult);
