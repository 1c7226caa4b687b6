/**
 * Bench child: the app (composition root + engine) in its own process uploading the given paths, so its CPU,
 * RSS and event-loop delay are its own. Task (BENCH_TASK): see EngineTask. Prints "started" once the
 * services are up and a BENCH_RESULT line at the end. Run again on the same dataDir with `add: false` to
 * resume an interrupted queue (the kill/restart cycles).
 */
import type { EmulatorConfig } from '../../emulator/index';
import { configure, isTerminal, openApp, type AppOptions } from '../lib/app-driver';
import { readTask, reply } from '../lib/child';
import { startProcessMetrics } from '../lib/process-metrics';

export interface EngineTask {
  readonly config: EmulatorConfig;
  readonly dataDir: string;
  readonly paths: readonly string[];
  /** Queue the paths (first run) or only resume what the data dir holds. */
  readonly add: boolean;
  readonly settings?: { partSize?: number; partsInFlight?: number; filesAtOnce?: number };
  readonly engine?: AppOptions['engine'];
  readonly credentialMarginMs?: number;
  readonly timeoutMs?: number;
}

export interface EngineJobResult {
  readonly name: string;
  readonly size: number;
  readonly state: string;
  readonly mediaId: string | null;
  readonly crc64: string | null;
  readonly error?: string;
}

const task = readTask<EngineTask>();
const app = await openApp({
  dataDir: task.dataDir,
  ...(task.engine ? { engine: task.engine } : {}),
  ...(task.credentialMarginMs !== undefined ? { credentialMarginMs: task.credentialMarginMs } : {}),
});
process.stdout.write('started\n');
if (task.add) await configure(app, task.config, task.settings ?? {});
const stop = startProcessMetrics();
if (task.add) await app.call('queue:add', { paths: task.paths });
process.stdout.write('queued\n');
const deadline = Date.now() + (task.timeoutMs ?? 10 * 60_000);
await Promise.race([
  app.internals.engine.whenIdle(),
  new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())).unref()),
]);
const metrics = stop();
const jobs: EngineJobResult[] = app.internals.store.jobs.list().map((j) => ({
  name: j.name,
  size: j.size,
  state: j.status.state,
  mediaId: j.mediaId,
  crc64: j.crc64,
  ...(j.status.state === 'failed' ? { error: `${j.status.error.code}: ${j.status.error.message}` } : {}),
}));
await app.services.shutdown();
reply({
  ...metrics,
  bytes: jobs.filter((j) => j.state === 'done').reduce((n, j) => n + j.size, 0),
  stuck: jobs.filter((j) => !isTerminal(j.state)).length,
  jobs,
});
