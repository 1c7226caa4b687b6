/**
 * Bench child: an archive added to the SQLite queue and restored, with the real composition root.
 * 1. add: `queue:add` of the folder tree (scan + classify + duplicate check + insert), engine not started.
 * 2. restore: what an app start does before the first list: open the data dir (createAppServices: SQLite
 *    open, migrations, crash recovery, engine), then the renderer's first `queue:list` (its first page,
 *    QUEUE_FIRST_PAGE rows, as renderer/hooks/use-sync.ts asks). Then the rest of the list the way the window
 *    loads it (pages of QUEUE_PAGE after the last row), timed apart (`allPagesMs`).
 * Times are taken inside this process after its modules are loaded: Node's and tsx's own start are not in
 * them (`processStartMs` says how long that took, for the record).
 */
import { QUEUE_FIRST_PAGE, QUEUE_PAGE } from '../../../shared/domain/queue';
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
  /** Rows in the first page, and its JSON size. */
  readonly listedJobs: number;
  readonly listBytes: number;
  /** After the first page: the remaining pages, as the window loads them; rows and pages. */
  readonly allPagesMs: number;
  readonly allJobs: number;
  readonly pages: number;
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
interface Page {
  jobs: { position: number; id: string }[];
  more: boolean;
}
const listed = await app.call<Page>('queue:list', { limit: QUEUE_FIRST_PAGE });
const restoreMs = performance.now() - t;
const listBytes = JSON.stringify(listed).length;
t = performance.now();
let page = listed;
let allJobs = listed.jobs.length;
let pages = 1;
while (page.more) {
  const last = page.jobs.at(-1)!;
  page = await app.call<Page>('queue:list', {
    limit: QUEUE_PAGE,
    after: { position: last.position, id: last.id },
  });
  allJobs += page.jobs.length;
  pages++;
}
const allPagesMs = performance.now() - t;
await app.services.shutdown();

reply({
  added: added.added,
  addMs,
  openMs,
  firstListMs: restoreMs - openMs,
  restoreMs,
  listedJobs: listed.jobs.length,
  listBytes,
  allPagesMs,
  allJobs,
  pages,
  processStartMs,
} satisfies ArchiveScaleResult);
