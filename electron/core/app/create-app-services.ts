import { join } from 'node:path';
import { SettingsSchema } from '../../../shared/domain/settings';
import type { QueueSnapshot } from '../../../shared/domain/queue';
import type { ClientTuning, FallbackCredentials } from '../vod/profile-clients';
import { ProfilesService } from '../vod/profiles-service';
import { createEngine, type EngineOptions } from '../engine/upload-engine';
import { profileRemoteMedia } from '../vod/vod-remote-media';
import { queueJobStore } from '../engine/queue-job-store';
import { nullLogger, type Logger } from '../log/logger';
import type { Redactor } from '../log/redactor';
import { routeOpenApiThroughProxy } from '../net/openapi-proxy';
import type { ProxyResolver } from '../net/proxy-resolver';
import { openDatabase } from '../queue/database';
import { createQueueService } from '../queue/queue-service';
import { createQueueStore, type QueueStore } from '../queue/queue-store';
import { CipherSecretStore } from '../secrets/cipher-secret-store';
import { KeyFileCipher } from '../secrets/key-file-cipher';
import { UploadAuthVault } from '../secrets/upload-auth-vault';
import type { SecretCipher } from '../secrets/secret-store';
import { VodCredentialService } from '../vod/vod-credential-service';
import { activityFromTotals, sameActivity } from './activity';
import type { Activity, AppServices, DesktopHooks } from './app-services';
import { createContractHandlers } from './contract-handlers';
import { createMediaDoctor } from './cleanup-handlers';
import { destinationResolver } from './destinations';
import { vodMediaStatus } from './media-status';
import { refreshVodStatuses, startVodStatusPoller } from './vod-status-poller';
import { WatchService } from '../watch/watch-service';
import { startAfterUpload } from './after-upload';
import { engineUrlOptions } from './url-sources';
import { teamJobStore } from '../engine/team-job-store';
import { createTeamBridge, type TeamBridge, type TeamBridgeSetup } from './team-bridge';
import { createTeamSettings } from './team-settings';

const RunLimitsSchema = SettingsSchema.pick({
  filesAtOnce: true,
  partsInFlight: true,
  partSize: true,
  bandwidthLimit: true,
}).partial();

/** The queue database's file name inside the data dir. */
export const QUEUE_DB_FILE = 'queue.db';
/** The headless secret key file, used when no OS keychain cipher is given (CLI, browser host). */
export const SECRET_KEY_FILE = 'secret.key';

export interface CreateAppServicesOptions {
  readonly dataDir: string;
  readonly logger?: Logger;
  /** The app's one redactor: every secret loaded is registered with it. */
  readonly redactor: Redactor;
  readonly desktop: DesktopHooks;
  /** The proxy for a URL (system settings in the app, HTTPS_PROXY/NO_PROXY in the CLI): uploads and API calls. */
  readonly resolveProxy?: ProxyResolver;
  /** The better-sqlite3 addon built for Electron's ABI (the Node build in node_modules otherwise). */
  readonly sqliteNativeBinding?: string;
  /** Electron's safeStorage in the app; a key file in the data dir otherwise (see docs/credentials.md). */
  readonly secretCipher?: SecretCipher;
  /** Credentials for jobs with no profile (the CLI's environment variables). */
  readonly fallbackCredentials?: FallbackCredentials;
  readonly clientTuning?: ClientTuning;
  /** How long before expiry an upload credential is refreshed (default 5 min). */
  readonly credentialMarginMs?: number;
  readonly engine?: Partial<
    Pick<
      EngineOptions,
      | 'stallTimeoutMs'
      | 'requestTimeoutMs'
      | 'snapshotIntervalMs'
      | 'retry'
      | 'readWorkers'
      | 'ossSignatureVersion'
      | 'extraCaCertificates'
    >
  >;
  /** How often VOD's processing status of recent uploads is polled (default 30 s; 0 turns it off). */
  readonly vodStatusPollMs?: number;
  /** Watch folders: size and mtime still for this long makes a file complete (default 5 s). */
  readonly watchSettleMs?: number;
  /** Watch folders that delete after upload: how often uploads VOD reports Normal are looked for (default 30 s). */
  readonly afterUploadSweepMs?: number;
  /** Watch folders: how often a folder that went offline is looked for (default 3 s). */
  readonly watchPresenceCheckMs?: number;
  /** How often VOD is asked about links it fetches (upload from URLs, pull mode; default 5 s). */
  readonly urlPollMs?: number;
  /** Start uploading (and watching) at once (default true); the CLI passes false. */
  readonly autoStart?: boolean;
  /**
   * A team worker (`vod-upload worker --queue …`): jobs are claimed from the team queue on PostgreSQL and
   * the engine's writes about them are mirrored there (app/team-bridge.ts, engine/team-job-store.ts).
   */
  readonly team?: TeamBridgeSetup;
}

/** The handles a host needs beyond AppServices (the CLI reads the store; tests inspect the engine). */
export interface AppInternals {
  readonly store: QueueStore;
  readonly engine: ReturnType<typeof createEngine>;
  readonly profiles: ProfilesService;
  readonly watch: WatchService;
  readonly afterUpload: ReturnType<typeof startAfterUpload>;
}

/**
 * The composition root: opens the queue (taking the one-engine lock), recovers jobs a crash interrupted,
 * builds profiles, credentials and the engine over it, and exposes the contract's handlers. Used by the
 * Electron shell, the browser host and the CLI alike.
 */
export async function createAppServices(options: CreateAppServicesOptions): Promise<AppServices> {
  return (await createAppServicesWithInternals(options)).services;
}

export async function createAppServicesWithInternals(
  options: CreateAppServicesOptions,
): Promise<{ services: AppServices; internals: AppInternals }> {
  const logger = options.logger ?? nullLogger;
  const database = openDatabase(join(options.dataDir, QUEUE_DB_FILE), {
    ...(options.sqliteNativeBinding ? { nativeBinding: options.sqliteNativeBinding } : {}),
  });
  try {
    return wire(options, logger, database);
  } catch (e) {
    database.close();
    throw e;
  }
}

function wire(
  options: CreateAppServicesOptions,
  logger: Logger,
  database: ReturnType<typeof openDatabase>,
): { services: AppServices; internals: AppInternals } {
  const store = createQueueStore(database.db);
  const settings = store.settings.get();
  const cipher = options.secretCipher ?? new KeyFileCipher(join(options.dataDir, SECRET_KEY_FILE));
  const profiles = new ProfilesService({
    db: database.db,
    secrets: new CipherSecretStore(database.db, cipher, options.redactor),
    redactor: options.redactor,
    logger,
    defaultProfileId: () => store.settings.get().defaultProfileId,
    ...(options.fallbackCredentials ? { fallback: options.fallbackCredentials } : {}),
    ...(options.clientTuning ? { tuning: options.clientTuning } : {}),
  });
  const credentials = new VodCredentialService({
    issuerFor: (profileId) => profiles.issuerFor(profileId),
    redactor: options.redactor,
    logger,
    ...(options.credentialMarginMs !== undefined ? { marginMs: options.credentialMarginMs } : {}),
  });
  const destinationFor = destinationResolver(
    (id) => profiles.get(id).catch(() => undefined),
    options.fallbackCredentials,
  );
  const profileDefaults = (id: string) => profiles.defaultsOf(id);
  const queue = createQueueService({ store, profileDefaults, destinationFor });
  const localJobs = queueJobStore(store, { profileName: (id) => profiles.nameOf(id) });
  let bridge: TeamBridge | undefined;
  const mirror = options.team
    ? teamJobStore(
        localJobs,
        options.team.queue,
        {
          onLost: (jobId, error) => bridge?.lost(jobId, error),
          onSettled: (jobId, outcome) => bridge?.settled(jobId, outcome),
        },
        { logger },
      )
    : undefined;
  const engine = createEngine({
    store: mirror?.store ?? localJobs,
    intake: queue,
    credentials,
    settings: {
      filesAtOnce: settings.filesAtOnce,
      partsInFlight: settings.partsInFlight,
      bandwidthLimit: settings.bandwidthLimit,
      partSize: settings.partSize,
    },
    logger,
    media: {
      ledger: store.ledger,
      remote: profileRemoteMedia((profileId) => profiles.runtime(profileId)),
      vault: new UploadAuthVault(database.db, cipher, options.redactor),
    },
    mediaStatus: vodMediaStatus((profileId) => profiles.vodClientFor(profileId)),
    urls: engineUrlOptions({
      store,
      vodClientFor: (profileId) => profiles.vodClientFor(profileId),
      profileDefaults,
      destinationFor,
      modes: new Set(['pull', 'relay']),
      ...(options.urlPollMs !== undefined ? { pollIntervalMs: options.urlPollMs } : {}),
    }),
    ...(options.resolveProxy ? { resolveProxy: options.resolveProxy } : {}),
    ...options.engine,
  });
  if (options.team && mirror) bridge = createTeamBridge(options.team, { store, engine, mirror, logger });
  const recovered = engine.recoverInterrupted(settings.autoResume);
  if (recovered > 0)
    logger.info('jobs interrupted by the last exit are back in the queue', { count: recovered });
  const watch = new WatchService({
    store: store.watchFolders,
    enqueue: (paths, addOptions) => engine.enqueue(paths, addOptions),
    presetOptions: (name) => store.presets.get(name).options,
    logger,
    ...(options.watchSettleMs !== undefined ? { settleMs: options.watchSettleMs } : {}),
    ...(options.watchPresenceCheckMs !== undefined ? { presenceCheckMs: options.watchPresenceCheckMs } : {}),
  });
  const afterUpload = startAfterUpload({
    store,
    watch,
    onEngineEvent: (listener) => engine.onEvent(listener),
    logger,
    ...(options.afterUploadSweepMs !== undefined ? { sweepEveryMs: options.afterUploadSweepMs } : {}),
  });
  const cleanup = createMediaDoctor({
    store,
    profiles,
    engine,
    oss: {
      ...(options.resolveProxy ? { resolveProxy: options.resolveProxy } : {}),
      ...(options.engine?.ossSignatureVersion
        ? { signatureVersion: options.engine.ossSignatureVersion }
        : {}),
      ...(options.engine?.extraCaCertificates
        ? { extraCaCertificates: options.engine.extraCaCertificates }
        : {}),
    },
  });
  const team = createTeamSettings({
    repository: store.teamQueue,
    cipher,
    redactor: options.redactor,
    logger,
  });
  const handlers = createContractHandlers({
    watch,
    team,
    store,
    queue,
    engine,
    profiles,
    desktop: options.desktop,
    doctor: cleanup.doctor,
  });

  let activity: Activity = activityFromTotals(store.jobs.totals());
  const activityListeners = new Set<(a: Activity) => void>();
  engine.onSnapshot((snapshot: QueueSnapshot) => {
    const next = activityFromTotals(snapshot.totals);
    if (sameActivity(next, activity)) return;
    activity = next;
    for (const listener of activityListeners) listener(next);
  });

  const stopProxyRouting = options.resolveProxy
    ? routeOpenApiThroughProxy(options.resolveProxy)
    : () => undefined;
  const stopPoller = startVodStatusPoller({
    history: store.history,
    vodClientFor: (profileId) => profiles.vodClientFor(profileId),
    intervalMs: options.vodStatusPollMs ?? 30_000,
    logger,
  });

  let watching: Promise<void> | undefined;
  const startWatching = (only?: { only?: readonly string[] }) => {
    watching ??= watch.start(only).catch((error: unknown) => {
      logger.error('watch folders did not start', { error: String(error) });
    });
    return watching;
  };
  if (options.autoStart ?? true) {
    engine.start();
    // Not awaited: a big tree's first walk must not hold up the window.
    void startWatching();
  }

  let closing: Promise<void> | undefined;
  const services: AppServices = {
    handlers,
    team: bridge?.control,
    onSnapshot: (listener) => engine.onSnapshot(listener),
    onEngineEvent: (listener) => engine.onEvent(listener),
    startUploads: (startOptions) => engine.start(startOptions),
    whenIdle: () => engine.whenIdle(),
    drainUploads: (drainOptions) => engine.drain(drainOptions),
    applyRunLimits: (limits) => engine.updateSettings(RunLimitsSchema.parse(limits)),
    testCredentials: (profileId) => profiles.testJobsOf(profileId),
    vodStatus: (targets) => {
      const vodClientFor = (profileId: string | null) => profiles.vodClientFor(profileId);
      const rows =
        targets.length > 0
          ? store.history.findUploads(targets)
          : store.history.findUploads(
              store.history.listProcessing(Date.now() - 3 * 24 * 3600_000, 500).map((r) => r.mediaId),
            );
      return refreshVodStatuses({ history: store.history, vodClientFor }, rows);
    },
    checkProfileUsable: async (profileId) => {
      await profiles.runtime(profileId);
    },
    onWatchChange: (listener) => watch.onChange(listener),
    startWatching,
    onActivity: (listener) => {
      activityListeners.add(listener);
      return () => activityListeners.delete(listener);
    },
    activity: () => activity,
    pauseAll: () => engine.pauseAll(),
    resumeAll: () => {
      engine.resumeAll();
      return Promise.resolve();
    },
    shutdown: () => {
      closing ??= (async () => {
        stopPoller();
        afterUpload.stop();
        try {
          // Watchers first: nothing new is queued while the engine stops.
          await watching;
          await watch.stop();
          await bridge?.stopClaiming();
          await engine.shutdown();
          // Unfinished claims go back to the team queue once every fact about them is mirrored there.
          await bridge?.releaseAll();
        } finally {
          stopProxyRouting();
          cleanup.close();
          database.close();
          logger.info('services stopped');
        }
      })();
      return closing;
    },
  };
  return { services, internals: { store, engine, profiles, watch, afterUpload } };
}
