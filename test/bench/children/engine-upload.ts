/**
 * Bench child: the app (composition root + engine) in its own process uploading the given paths, so its CPU,
 * RSS and event-loop delay are its own. Task (BENCH_TASK): see EngineTask. Prints "started" once the
 * services are up and a BENCH_RESULT line at the end. Run again on the same dataDir with `add: false` to
 * resume an interrupted queue (the kill/restart cycles).
 *
 * `killAfterCreates: N`: the process SIGKILLs itself the moment the Nth CreateUpload* answer (or re-create
 * of an image or attached media) arrives, before the engine can save it, the worst moment for an orphan. It
 * is seen in the credential service's "issued" log line, written between the answer and the save; the child
 * prints `killed-after-create <job id>` first.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import type { LogFields, Logger } from '../../../electron/core/log/logger';
import type { EmulatorConfig } from '../../emulator/index';
import { configure, isTerminal, openApp, waitForEndStates, type AppOptions } from '../lib/app-driver';
import { readTask, reply } from '../lib/child';
import { startProcessMetrics, type ProcessMetrics } from '../lib/process-metrics';

const REQUEST_START = 'http.client.request.start';
import { startEngineTrace } from '../lib/engine-trace';

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
  /** SIGKILL itself right after the Nth create answer arrives (see above); 0 or absent: never. */
  readonly killAfterCreates?: number;
  /**
   * Once idle, sweep the media ledger until nothing is owed, for at most this long (an idle engine retries
   * a failed delete only when it next has work or starts again).
   */
  readonly drainLedgerMs?: number;
  /**
   * Measure only the first parts: once this many bytes are confirmed (parts OSS answered and the store
   * recorded), the metrics stop and the job is canceled (its upload aborted, its media deleted), so a 10 TiB
   * file costs a minute, not a day. The reply's `firstParts` says how many bytes were confirmed and whether
   * the cancel left nothing behind.
   */
  readonly stopAfterConfirmedBytes?: number;
}

/** What the uploader still owes VOD: deletions not yet confirmed, create calls whose answer was never saved. */
export interface LedgerOwed {
  readonly deletions: number;
  readonly intents: number;
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
let creates = 0;
const onLog = (message: string, fields?: LogFields): void => {
  const created =
    message === 'upload credential issued' ||
    (message === 'upload credential refreshed' && fields?.['recreated'] === true);
  if (!created || !task.killAfterCreates || ++creates < task.killAfterCreates) return;
  // Pipes are written synchronously on Linux: the line is out before the kill.
  process.stdout.write(`killed-after-create ${String(fields?.['jobId'])}\n`);
  process.kill(process.pid, 'SIGKILL');
};
const trace = startEngineTrace(process.env['BENCH_ENGINE_TRACE']);
const logger: Logger = {
  debug: () => undefined,
  info: (message, fields) => {
    trace?.log(message, fields);
    onLog(message, fields);
  },
  warn: () => undefined,
  error: () => undefined,
  child: () => logger,
};
const app = await openApp({
  dataDir: task.dataDir,
  logger,
  ...(task.engine ? { engine: task.engine } : {}),
  ...(task.credentialMarginMs !== undefined ? { credentialMarginMs: task.credentialMarginMs } : {}),
});
process.stdout.write('started\n');
if (task.add) await configure(app, task.config, task.settings ?? {});
// Timed as the other contenders are (issue 15: "from asking VOD for the upload credential"): from the moment
// the first CreateUpload* request leaves, seen on Node's HTTP client channel. What queue:add does before it
// (scan, classify, the SQLite insert, the fingerprint) is the app's and is reported apart (fromQueueAdd). A
// run that asks VOD for nothing (a resume whose credential was kept) is timed from queue:add / the start.
const stopFromAdd = startProcessMetrics();
let stopFromCredential: (() => ProcessMetrics) | undefined;
const onRequest = (message: unknown): void => {
  // The OpenAPI client's V3 signature names the action in a header (reference §2.4), not in the query.
  const action = (message as { request?: ClientRequest }).request?.getHeader('x-acs-action');
  if (stopFromCredential !== undefined || !/^CreateUpload/.test(String(action ?? ''))) return;
  stopFromCredential = startProcessMetrics();
  unsubscribe(REQUEST_START, onRequest);
};
subscribe(REQUEST_START, onRequest);
let taken: { fromAdd: ProcessMetrics; metrics: ProcessMetrics } | undefined;
/** Stops the measured span once: at the end, or when the first parts are in (stopAfterConfirmedBytes). */
const takeMetrics = (): { fromAdd: ProcessMetrics; metrics: ProcessMetrics } => {
  if (taken === undefined) {
    unsubscribe(REQUEST_START, onRequest);
    const fromAdd = stopFromAdd();
    taken = { fromAdd, metrics: stopFromCredential?.() ?? fromAdd };
  }
  return taken;
};
trace?.sample(() => ({
  ...app.internals.engine.connections(),
  files: app.internals.engine.runningJobIds().length,
}));
if (task.add) await app.call('queue:add', { paths: task.paths });
process.stdout.write('queued\n');
const deadline = Date.now() + (task.timeoutMs ?? 10 * 60_000);
const firstParts =
  task.stopAfterConfirmedBytes === undefined
    ? undefined
    : await stopAtFirstParts(task.stopAfterConfirmedBytes);
if (firstParts === undefined) {
  await Promise.race([
    app.internals.engine.whenIdle(),
    new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())).unref()),
  ]);
} else {
  // Polled with ref'd timers: awaiting whenIdle() after the cancel, with only the unref'd deadline timer
  // left, once let the event loop empty and the child exit with code 13 (a top-level await never settled).
  await waitForEndStates(app, deadline);
}
const owed = (): LedgerOwed => ({
  deletions: app.internals.store.ledger.pendingDeletions().length,
  intents: app.internals.store.ledger.orphanIntents().length,
});
const owedAtIdle = owed();
const drainUntil = Date.now() + (task.drainLedgerMs ?? 0);
while (Date.now() < drainUntil && (owed().deletions > 0 || owed().intents > 0)) {
  await new Promise((resolve) => setTimeout(resolve, 250));
  await app.internals.engine.sweepMedia();
}
const owedAfterDrain = owed();
const { fromAdd, metrics } = takeMetrics();
trace?.stop();
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
  timedFrom: stopFromCredential === undefined ? 'queue:add' : 'CreateUpload*',
  fromQueueAdd: { wallMs: fromAdd.wallMs, cpuMs: fromAdd.cpuMs },
  bytes: jobs.filter((j) => j.state === 'done').reduce((n, j) => n + j.size, 0),
  stuck: jobs.filter((j) => !isTerminal(j.state)).length,
  ledger: { atIdle: owedAtIdle, afterDrain: owedAfterDrain },
  jobs,
  ...(firstParts ? { firstParts: { confirmedBytes: firstParts.confirmedBytes } } : {}),
});

/** Waits until `bytes` are confirmed (or the deadline), takes the metrics, then cancels every job. */
async function stopAtFirstParts(bytes: number): Promise<{ confirmedBytes: number }> {
  const confirmed = (): number => app.internals.store.jobs.list().reduce((n, j) => n + j.bytesDone, 0);
  while (confirmed() < bytes && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  takeMetrics();
  const confirmedBytes = confirmed();
  const ids = app.internals.store.jobs.list().map((j) => j.id);
  await app.call('queue:cancel', { ids, deleteRemote: true });
  return { confirmedBytes };
}
