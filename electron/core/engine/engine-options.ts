import type { Logger } from '../log/logger';
import type { ProxyResolver } from '../net/proxy-resolver';
import type { OssSignatureVersion } from '../oss/oss-client';
import type { CredentialService } from '../vod/credential-types';
import type { ConcurrencyOptions } from './adaptive-concurrency';
import type { GrantVault, MediaLedger, RemoteMedia } from './media-ledger-port';
import type { EngineSettings, JobIntake, JobStore, MediaStatusProbe } from './ports';
import type { RetryPolicy } from './runner-context';
import type { EngineUrlOptions } from './url-pull';

export interface EngineOptions {
  readonly store: JobStore;
  /** Scans dropped paths into jobs (enqueue); an engine without one only runs jobs already queued. */
  readonly intake?: JobIntake;
  readonly credentials: CredentialService;
  readonly settings: EngineSettings;
  readonly logger?: Logger;
  /**
   * Exactly one media per file (issue 14): the ledger (create intents, pending deletions) and VOD's side of
   * it. Without it the engine neither writes creates ahead nor deletes what it abandons.
   */
  readonly media?: {
    readonly ledger: MediaLedger;
    readonly remote: RemoteMedia;
    readonly vault?: GrantVault;
  };
  /** VOD's view of an upload (GetVideoInfo): settles a lost Complete where HeadObject is refused. */
  readonly mediaStatus?: MediaStatusProbe;
  readonly retry?: Partial<RetryPolicy>;
  /** No bytes moving for this long aborts and retries a part (default 30 s). */
  readonly stallTimeoutMs?: number;
  /** Timeout for control requests (default 60 s). */
  readonly requestTimeoutMs?: number;
  readonly snapshotIntervalMs?: number;
  /** Read-and-hash workers (default: see defaultReadWorkers). */
  readonly readWorkers?: number;
  /** Which proxy, if any, carries the uploads to a URL (system settings in the app, env in the CLI). */
  readonly resolveProxy?: ProxyResolver;
  /**
   * OSS signature: V4 by default. `v1` is a legacy setting for old accounts and buckets that still accept it
   * (Alibaba Cloud closed V1 to new accounts on 2025-03-01 and to new buckets on 2025-09-01).
   */
  readonly ossSignatureVersion?: OssSignatureVersion;
  /** PEM certificates OSS connections trust beyond Node's roots (a local stand-in's; else NODE_EXTRA_CA_CERTS). */
  readonly extraCaCertificates?: readonly string[];
  /** Adaptive concurrency's starting point and pace (tests make it quicker). */
  readonly concurrency?: ConcurrencyOptions;
  /** Links as sources (url-pull.ts); without it the engine takes local files only. */
  readonly urls?: EngineUrlOptions;
}
