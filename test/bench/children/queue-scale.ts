/**
 * Bench child: queue scale with the real composition root and SQLite file.
 * 1. add: time of `queue:add` on a folder tree of N files (scan + classify + insert), engine not started.
 * 2. restore: time to open the app on that data dir (createAppServices: migrations, recovery, engine) and
 *    to answer the renderer's first `queue:list`.
 * 3. progress: with the engine running (files at once = `active`) against a bandwidth-capped emulator, the
 *    snapshot events per second a subscriber receives, and the main thread's event-loop delay meanwhile.
 */
import type { QueueSnapshot } from '../../../shared/domain/queue';
import type { EmulatorConfig } from '../../emulator/index';
import { configure, openApp } from '../lib/app-driver';
import { readTask, reply } from '../lib/child';
import { startProcessMetrics } from '../lib/process-metrics';

export interface QueueScaleTask {
  readonly config: EmulatorConfig;
  readonly dataDir: string;
  readonly root: string;
  readonly files: number;
  readonly active: number;
  readonly observeMs: number;
}

const task = readTask<QueueScaleTask>();

// 1. add
let app = await openApp({ dataDir: task.dataDir, autoStart: false });
await configure(app, task.config, { filesAtOnce: task.active, partSize: 1024 * 1024, partsInFlight: 8 });
let t = performance.now();
const added = await app.call<{ added: number }>('queue:add', { paths: [task.root] });
const addMs = performance.now() - t;
await app.services.shutdown();

// 2. restore
t = performance.now();
app = await openApp({ dataDir: task.dataDir, autoStart: false });
const openMs = performance.now() - t;
const listed = await app.call<{ jobs: unknown[] }>('queue:list', {});
const restoreMs = performance.now() - t;
await app.services.shutdown();

// 3. progress events with N queued and `active` uploading
app = await openApp({ dataDir: task.dataDir });
let events = 0;
let changedRows = 0;
let maxChangedRows = 0;
let fullSnapshots = 0;
let lastEventAt = 0;
let maxGapMs = 0;
let counting = false;
app.services.onSnapshot((s: QueueSnapshot) => {
  if (!counting) return;
  const now = performance.now();
  if (lastEventAt > 0) maxGapMs = Math.max(maxGapMs, now - lastEventAt);
  lastEventAt = now;
  events++;
  changedRows += s.changed.length;
  maxChangedRows = Math.max(maxChangedRows, s.changed.length);
  if (s.full) fullSnapshots++;
});
const waitUntil = Date.now() + 30_000;
while (app.internals.engine.runningJobIds().length < task.active && Date.now() < waitUntil) {
  await new Promise((r) => setTimeout(r, 20));
}
const activeAtStart = app.internals.engine.runningJobIds().length;
counting = true;
const stop = startProcessMetrics();
await new Promise((r) => setTimeout(r, task.observeMs));
counting = false;
const metrics = stop();
const totals = app.internals.store.jobs.totals();
await app.services.shutdown();

reply({
  files: added.added,
  addMs,
  openMs,
  restoreMs,
  listedJobs: listed.jobs.length,
  activeAtStart,
  progressEventsPerSec: events / (metrics.wallMs / 1000),
  changedRowsPerEvent: events === 0 ? 0 : changedRows / events,
  maxChangedRows,
  fullSnapshots,
  maxGapBetweenEventsMs: maxGapMs,
  eventLoopP99Ms: metrics.eventLoopP99Ms,
  eventLoopMaxMs: metrics.eventLoopMaxMs,
  totals,
});
