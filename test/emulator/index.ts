import { type RamUser } from './accounts';
import { Emulator, type EmulatorState } from './emulator';
import { startServers } from './server';
import { type ScheduledKind } from './scheduled';
import { type EmulatorOptions, type FaultPatch, type FaultSettings } from './settings';

export type { EmulatorOptions, EmulatorState, FaultPatch, FaultSettings, ScheduledKind };
export { DEFAULT_ROLE_ARN, ACCOUNT_ID } from './accounts';

/** The line `npm run emulator` prints, and what a client needs to talk to the emulator. */
export interface EmulatorConfig {
  readonly vodEndpoint: string;
  readonly ossEndpoint: string;
  readonly regionId: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** The OSS server's throwaway certificate (PEM), present in HTTPS mode: trust it to reach OSS. */
  readonly ossCaFile?: string;
}

export interface RunningEmulator {
  readonly config: EmulatorConfig;
  /** The single VOD storage bucket (outin-…). */
  readonly bucket: string;
  stop(): Promise<void>;
  setFaults(patch: FaultPatch): FaultSettings;
  faults(): FaultSettings;
  state(): EmulatorState;
  uploads(): Array<{ uploadId: string; bucket: string; key: string; parts: number }>;
  /** Drops a multipart upload as VOD's 7-day cleanup would (NoSuchUpload afterwards). */
  expireUpload(uploadId: string): boolean;
  /** The next `count` requests of an OSS operation answer 500 InternalError (deterministic fault). */
  failNext(operation: string, count?: number): void;
  /**
   * A one-off fault for the next `count` requests of an OSS operation: `fail` (500, not applied),
   * `lose-answer` (applied, connection dropped instead of the answer), `corrupt` (body stored with a bit flipped).
   */
  schedule(kind: ScheduledKind, operation: string, count?: number): void;
  /** Expires an STS AccessKey (an UploadAuth or an AssumeRole credential) at once. */
  expireCredential(accessKeyId: string): boolean;
  /** Another RAM user, e.g. `{ allowUpload: false }` for a key that gets Forbidden on CreateUpload*. */
  addUser(options?: { allowUpload?: boolean; allowAssumeRole?: boolean }): {
    accessKeyId: string;
    accessKeySecret: string;
  };
  /** Moves every video still transcoding to Normal now. */
  finishTranscoding(): void;
  /** Resolves when no transcode is pending (after `transcodeDelay` steps). */
  transcodingIdle(): Promise<void>;
  /** UploadMediaByURL jobs so far (for assertions). */
  urlJobs(): Array<{ jobId: string; url: string; status: string; mediaId?: string; errorCode?: string }>;
  /** Largest source UploadMediaByURL will pull (VOD: 20 GB). */
  setMaxPullSize(bytes: number): void;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = new Emulator(options);
  const servers = await startServers(emulator, {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    ossPort: options.ossPort ?? 0,
    // Production's shape by default: TLS, and the bucket in the host name.
    https: options.https ?? true,
    virtualHosted: options.virtualHosted ?? true,
    regionId: emulator.regionId,
  });
  const credentials = (u: RamUser) => ({ accessKeyId: u.accessKeyId, accessKeySecret: u.accessKeySecret });
  return {
    config: {
      vodEndpoint: servers.vodEndpoint,
      ossEndpoint: servers.ossEndpoint,
      regionId: emulator.regionId,
      ...credentials(emulator.user),
      ...(servers.ossCaFile ? { ossCaFile: servers.ossCaFile } : {}),
    },
    bucket: emulator.bucket,
    async stop() {
      await servers.close();
      emulator.dispose();
    },
    setFaults: (patch) => emulator.setFaults(patch),
    faults: () => emulator.settings,
    state: () => emulator.state(),
    uploads: () => emulator.uploads(),
    expireUpload: (id) => emulator.expireUpload(id),
    failNext: (operation, count) => emulator.failNext(operation, count),
    schedule: (kind, operation, count) => emulator.schedule(kind, operation, count),
    expireCredential: (id) => emulator.expireCredential(id),
    addUser: (o) => credentials(emulator.accounts.addUser(o)),
    finishTranscoding: () => emulator.library.finishTranscoding(),
    transcodingIdle: () => emulator.library.whenIdle(),
    urlJobs: () =>
      [...emulator.urlJobs.jobs.values()].map((j) => ({
        jobId: j.jobId,
        url: j.url,
        status: j.status,
        mediaId: j.mediaId,
        errorCode: j.errorCode,
      })),
    setMaxPullSize: (bytes) => {
      emulator.maxPullSize = bytes;
    },
  };
}
