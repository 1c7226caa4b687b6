import type { BackoffOptions } from '../../../shared/logic/backoff';
import type { Logger } from '../log/logger';
import type { OssClient } from '../oss/oss-client';
import type { ReadPartPool } from '../oss/read-part-pool';
import type { UploadGrant, UploadTarget } from '../vod/credential-types';
import type { ConcurrencyController } from './adaptive-concurrency';
import type { RelaySources } from './link-source';
import type { PartLimiter } from './part-limiter';
import type { EngineSettings, JobStore, MediaStatusProbe } from './ports';
import type { ProgressTracker } from './progress-tracker';
import type { RefusedReads } from './refused-reads';

export interface RetryPolicy {
  /** Attempts per part (and per control request) on transient errors before the job attempt fails. */
  readonly maxPartAttempts: number;
  /** Whole-job attempts on transient errors before the job is failed. */
  readonly maxJobAttempts: number;
  /** Consecutive credential refreshes after auth errors before giving up. */
  readonly maxAuthRefreshes: number;
  readonly backoff: BackoffOptions;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxPartAttempts: 8,
  maxJobAttempts: 5,
  maxAuthRefreshes: 3,
  backoff: { baseMs: 500, maxMs: 30_000, minMs: 100 },
};

/** What the scheduler shares with every job it runs: the store, the read pool, the limits, the clients. */
export interface RunnerContext {
  readonly store: JobStore;
  readonly pool: ReadPartPool;
  readonly limiter: PartLimiter;
  /** Learns from every body byte and request outcome how many connections the path takes. */
  readonly concurrency: ConcurrencyController;
  readonly progress: ProgressTracker;
  readonly settings: () => EngineSettings;
  readonly clientFor: (target: UploadTarget, grant: () => UploadGrant) => OssClient;
  readonly retry: RetryPolicy;
  readonly logger: Logger;
  /** VOD's view of a media file's upload; absent when there is no one to ask (then nothing is settled by it). */
  readonly mediaStatus: MediaStatusProbe | undefined;
  /** ListParts / HeadObject refused by the upload policy so far: not asked again (the engine's lifetime). */
  readonly refusedReads: RefusedReads;
  /** The links of relayed jobs (url_sources); absent when the engine takes local files only. */
  readonly relay?: RelaySources | undefined;
  /** A relayed link sending nothing for this long is dropped and asked again (default 30 s). */
  readonly originIdleTimeoutMs?: number | undefined;
}
