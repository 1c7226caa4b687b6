import type { RunLimits } from '../core/app/app-services';
import type { Metadata } from './arg-values';

export const DEFAULT_REGION = 'cn-shanghai';

/** Where to upload and as whom. */
export interface ConnectionOptions {
  readonly dataDir: string | undefined;
  readonly region: string;
  readonly endpoint: string | undefined;
  readonly profile: string | undefined;
}

export type ProfileCredentialFlags = {
  readonly accessKeyId: string | undefined;
  readonly roleArn: string | undefined;
  readonly authService: string | undefined;
  readonly secretStdin: boolean;
};

/** A run that uploads (upload, resume, retry): where, as whom, how it reports, its limits. */
interface RunCommand {
  readonly connection: ConnectionOptions;
  readonly json: boolean;
  readonly limits: RunLimits;
  /** SIGTERM lets parts in flight finish for at most this long (then aborts them). */
  readonly drainTimeoutMs: number;
}

/** Jobs named on the command line: file paths (as queued) or job ids (as `status --json` shows them). */
interface JobsCommand {
  /** Canceling aborts the upload on OSS, which may need the job's credentials: the same options as a run. */
  readonly connection: ConnectionOptions;
  readonly targets: readonly string[];
}

/** What the command line asks for, checked: each command's options and values are valid. */
export type CliCommand =
  | { readonly name: 'help'; readonly text: string }
  | (RunCommand & {
      readonly name: 'upload';
      /** Files, folders and http(s) links. */
      readonly paths: readonly string[];
      /** A .txt/.csv list of links (`--urls FILE`). */
      readonly urlsFile: string | undefined;
      /** How the links go up (`--url-mode`); per link when absent. */
      readonly urlMode: 'pull' | 'relay' | undefined;
      readonly metadata: Metadata;
      /** A preset's options under the flags given (`--preset NAME`). */
      readonly preset: string | undefined;
      /** Send files even when already uploaded to this destination. */
      readonly force: boolean;
      /** The team queue (`--queue`): queue the files there, and work on them unless `enqueueOnly`. */
      readonly queue: string | undefined;
      readonly enqueueOnly: boolean;
      readonly pathMap: readonly string[];
    })
  | (RunCommand & {
      readonly name: 'worker';
      /** The team queue's connection string (else VOD_UPLOADER_QUEUE_URL). */
      readonly queue: string | undefined;
      readonly pathMap: readonly string[];
      readonly workerName: string | undefined;
      readonly leaseMs: number;
    })
  | (RunCommand & {
      readonly name: 'watch';
      /** Folders to add to the watched ones and watch; none: every watched folder of the data dir. */
      readonly dirs: readonly string[];
      readonly metadata: Metadata;
      readonly preset: string | undefined;
      /** A file is complete once its size and mtime have not changed for this long. */
      readonly settleMs: number;
    })
  | { readonly name: 'watch-list'; readonly dataDir: string | undefined; readonly json: boolean }
  | (RunCommand & { readonly name: 'resume' })
  | (RunCommand & {
      readonly name: 'retry';
      readonly targets: readonly string[];
      /** On the team queue (`--queue`): queue them again for the workers (docs/team.md). */
      readonly queue: string | undefined;
    })
  | (JobsCommand & {
      readonly name: 'cancel';
      readonly deleteRemote: boolean;
      readonly queue: string | undefined;
    })
  | (JobsCommand & { readonly name: 'remove'; readonly queue: string | undefined })
  | {
      readonly name: 'clear';
      readonly dataDir: string | undefined;
      readonly finished: boolean;
      readonly failed: boolean;
    }
  | {
      readonly name: 'wait';
      readonly connection: ConnectionOptions;
      readonly targets: readonly string[];
      readonly timeoutMs: number;
      readonly json: boolean;
    }
  | {
      readonly name: 'doctor';
      readonly connection: ConnectionOptions;
      /** Remove what the check finds (this uploader's orphans; others too with includeOthers). */
      readonly fix: boolean;
      readonly includeOthers: boolean;
      readonly json: boolean;
    }
  | {
      readonly name: 'status';
      readonly dataDir: string | undefined;
      readonly json: boolean;
      readonly queue: string | undefined;
    }
  | {
      readonly name: 'history';
      readonly dataDir: string | undefined;
      readonly queue: string | undefined;
      readonly format: 'table' | 'csv' | 'json';
      readonly search: string;
      readonly folder: string | undefined;
      readonly tag: string | undefined;
      readonly limit: number;
    }
  | {
      readonly name: 'profile-add';
      readonly dataDir: string | undefined;
      readonly profileName: string;
      readonly region: string;
      readonly endpoint: string | undefined;
      readonly credential: ProfileCredentialFlags;
      readonly metadata: Metadata;
      readonly makeDefault: boolean;
    }
  | { readonly name: 'profile-list'; readonly dataDir: string | undefined; readonly json: boolean }
  | { readonly name: 'preset-list'; readonly dataDir: string | undefined; readonly json: boolean }
  | {
      readonly name: 'preset-save';
      readonly dataDir: string | undefined;
      readonly presetName: string;
      readonly profile: string | undefined;
      readonly metadata: Metadata;
    }
  | { readonly name: 'preset-remove'; readonly dataDir: string | undefined; readonly presetName: string }
  | {
      readonly name: 'preset-export';
      readonly dataDir: string | undefined;
      readonly file: string | undefined;
    }
  | { readonly name: 'preset-import'; readonly dataDir: string | undefined; readonly file: string }
  | { readonly name: 'profile-remove'; readonly dataDir: string | undefined; readonly profileName: string }
  | {
      readonly name: 'profile-test';
      readonly dataDir: string | undefined;
      readonly profileName: string;
      readonly json: boolean;
    };
