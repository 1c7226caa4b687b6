import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Accounts, type RamUser } from './accounts';
import { RateLimiter } from './bandwidth';
import { Clock } from './clock';
import { FaultInjector } from './faults';
import { hexId } from './ids';
import { receiveBody } from './oss/receive-body';
import { ScheduledFaults, type ScheduledKind } from './scheduled';
import { type OssServerDeps } from './oss/handler';
import { OssStore } from './oss/store';
import {
  DEFAULT_SETTINGS,
  type EmulatorOptions,
  type FaultPatch,
  type FaultSettings,
  faultPatchSchema,
} from './settings';
import { ApiAuthenticator } from './vod/authenticate';
import { type VodServerDeps } from './vod/handler';
import { MediaLibrary } from './vod/media';
import { MAX_PULL_SIZE, UrlJobs } from './vod/url-jobs';

/** The shape of GET /__emulator/state. */
export interface EmulatorState {
  media: Array<{
    mediaId: string;
    kind: string;
    status: string;
    title: string;
    bucket: string;
    key: string;
    /** The create call's parameters as received. */
    params: Record<string, string>;
  }>;
  objects: Array<{ bucket: string; key: string; size: number; crc64: string }>;
  calls: Record<string, number>;
  bytesReceived: number;
}

/** All the emulator's state and services, wired together; the HTTP servers sit on top (server.ts). */
export class Emulator {
  readonly scheduled = new ScheduledFaults();
  settings: FaultSettings;
  readonly accounts = new Accounts();
  readonly clock: Clock;
  readonly library: MediaLibrary;
  readonly store: OssStore;
  readonly faults: FaultInjector;
  readonly user: RamUser;
  readonly bucket: string;
  readonly regionId: string;
  readonly calls = new Map<string, number>();
  readonly urlJobs: UrlJobs;
  /** Largest source UploadMediaByURL pulls (VOD: 20 GB); tests lower it. */
  maxPullSize = MAX_PULL_SIZE;
  bytesReceived = 0;
  private readonly totalLimiter: RateLimiter;
  private readonly connectionLimiters = new WeakMap<object, RateLimiter>();
  private readonly ownedDataDir: string | undefined;
  private readonly fastHash: boolean;

  constructor(options: EmulatorOptions) {
    this.settings = { ...DEFAULT_SETTINGS, ...faultPatchSchema.parse(pickSettings(options)) };
    this.regionId = options.regionId ?? 'cn-shanghai';
    this.fastHash = options.fastHash === true;
    this.clock = new Clock(() => this.settings.skew);
    this.library = new MediaLibrary(this.clock, () => this.settings.transcodeDelay);
    this.faults = new FaultInjector(() => this.settings, options.seed ?? Date.now());
    this.totalLimiter = new RateLimiter(() => this.settings.bandwidth);
    this.user = this.accounts.addUser({ allowUpload: true, allowAssumeRole: true });
    this.bucket = `outin-${hexId(16)}`;
    let dir: string | undefined;
    if (!options.sink) {
      if (options.dataDir) {
        mkdirSync(options.dataDir, { recursive: true });
        dir = options.dataDir;
      } else {
        dir = mkdtempSync(join(tmpdir(), 'vod-emulator-'));
        this.ownedDataDir = dir;
      }
    }
    this.store = new OssStore(dir);
    this.urlJobs = new UrlJobs({
      library: this.library,
      store: this.store,
      clock: this.clock,
      bucket: this.bucket,
      maxSize: () => this.maxPullSize,
      concurrency: 4,
    });
  }

  setFaults(patch: FaultPatch): FaultSettings {
    this.settings = { ...this.settings, ...faultPatchSchema.parse(patch) };
    return this.settings;
  }

  count(name: string): void {
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
  }

  state(): EmulatorState {
    return {
      media: [...this.library.media.values()].map((m) => ({
        mediaId: m.mediaId,
        kind: m.kind,
        status: m.status,
        title: m.title,
        bucket: m.bucket,
        key: m.key,
        params: { ...m.params },
      })),
      objects: [...this.store.objects.values()].map((o) => ({
        bucket: o.bucket,
        key: o.key,
        size: o.size,
        crc64: o.crc64,
      })),
      calls: Object.fromEntries(this.calls),
      bytesReceived: this.bytesReceived,
    };
  }

  /** Multipart uploads in progress (for tests and tools; not part of the state endpoint's shape). */
  uploads(): Array<{ uploadId: string; bucket: string; key: string; parts: number }> {
    return [...this.store.uploads.values()].map((u) => ({
      uploadId: u.uploadId,
      bucket: u.bucket,
      key: u.key,
      parts: u.parts.size,
    }));
  }

  /** Makes an uploadId disappear, as VOD's 7-day cleanup does: later calls get NoSuchUpload. */
  expireUpload(uploadId: string): boolean {
    return this.store.removeUpload(uploadId);
  }

  /** The next `count` requests of an OSS operation (e.g. CompleteMultipartUpload) answer 500 InternalError. */
  failNext(operation: string, count = 1): void {
    this.scheduled.schedule('fail', operation, count);
  }

  /** A one-off fault for the next `count` requests of an OSS operation (scheduled.ts). */
  schedule(kind: ScheduledKind, operation: string, count = 1): void {
    this.scheduled.schedule(kind, operation, count);
  }

  expireCredential(accessKeyId: string): boolean {
    return this.accounts.expire(accessKeyId, this.clock.now());
  }

  vodDeps(ossEndpoint: string): VodServerDeps {
    return {
      vod: {
        accounts: this.accounts,
        library: this.library,
        clock: this.clock,
        stsTtl: () => this.settings.stsTtl,
        ossEndpoint,
        regionId: this.regionId,
        bucket: this.bucket,
        abortUploads: (bucket, key) => this.store.abortUploadsFor(bucket, key),
        deleteObject: (bucket, key) => this.store.deleteObject(bucket, key),
        refreshNewKey: () => this.settings.refreshNewKey,
        urlJobs: this.urlJobs,
      },
      accounts: this.accounts,
      clock: this.clock,
      authenticator: new ApiAuthenticator(this.accounts, this.clock),
      count: (action) => this.count(action),
      latency: () => this.settings.latency,
    };
  }

  ossDeps(ossEndpoint: string): OssServerDeps {
    const receiveBodyFn = (req: IncomingMessage, resetAfter: number | undefined, corrupt = false) =>
      receiveBody(req, {
        path: this.store.newBlobPath(),
        limiters: [this.totalLimiter, this.connectionLimiter(req)],
        onBytes: (n) => {
          this.bytesReceived += n;
        },
        resetAfter,
        corrupt,
        fastHash: this.fastHash,
      });
    return {
      store: this.store,
      clock: this.clock,
      regionId: this.regionId,
      ossEndpoint,
      objectCompleted: (bucket, key, size) => this.library.objectCompleted(bucket, key, size),
      receive: (req) => receiveBodyFn(req, undefined),
      receiveBody: receiveBodyFn,
      takeScheduled: (kind, operation) => this.scheduled.take(kind, operation),
      accounts: this.accounts,
      buckets: new Set([this.bucket]),
      count: (op) => this.count(op),
      countBytes: (n) => {
        this.bytesReceived += n;
      },
      latency: () => this.settings.latency,
      uploadPolicy: () => this.settings.uploadPolicy,
      omitCrc64: () => this.settings.omitCrc64,
      allowV1: () => this.settings.allowV1,
    };
  }

  private connectionLimiter(req: IncomingMessage): RateLimiter {
    let limiter = this.connectionLimiters.get(req.socket);
    if (!limiter) {
      limiter = new RateLimiter(() => this.settings.perConnectionBandwidth);
      this.connectionLimiters.set(req.socket, limiter);
    }
    return limiter;
  }

  dispose(): void {
    this.urlJobs.stop();
    this.library.stop();
    if (this.ownedDataDir) rmSync(this.ownedDataDir, { recursive: true, force: true });
  }
}

function pickSettings(options: EmulatorOptions): FaultPatch {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS)) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out as FaultPatch;
}
