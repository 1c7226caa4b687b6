import type { ErrorInfo } from './errors';
import type { JobStatus } from './job-status';

/**
 * What happens to jobs, as the engine tells it: one typed event per fact, in the order it happened,
 * beside the throttled snapshots (which carry the numbers: bytes, speed, ETA). A consumer that needs to know
 * that a job finished listens here; it never polls the queue, and no throttling folds a state away.
 */
export interface EngineEventMap {
  /** Added to the queue, or put back in it (resume, retry). */
  'job-queued': { readonly jobId: string };
  /** The engine took the job (it holds a slot now), with `resumedFrom` bytes already on record. */
  'job-started': { readonly jobId: string; readonly resumedFrom: number };
  /** A request failed and will be tried again (`attempt` counts within the job's current run). */
  'job-retrying': { readonly jobId: string; readonly attempt: number; readonly error: ErrorInfo };
  /** OSS confirmed one part and it is on record. */
  'part-confirmed': { readonly jobId: string; readonly partNumber: number; readonly size: number };
  'job-paused': { readonly jobId: string };
  /**
   * The job reached a state the engine leaves it in (isSettled): done (with its media id), failed,
   * canceled, or source-missing.
   */
  'job-settled': { readonly jobId: string; readonly status: JobStatus };
  'job-removed': { readonly jobId: string };
  /** No job is running and none is waiting any more (after some were). */
  idle: Record<never, never>;
}

export type EngineEventType = keyof EngineEventMap;

/** One event: `{ type, ...payload }`, discriminated by `type`. */
export type EngineEvent = {
  [K in EngineEventType]: { readonly type: K } & EngineEventMap[K];
}[EngineEventType];

export type EngineEventListener = (event: EngineEvent) => void;
