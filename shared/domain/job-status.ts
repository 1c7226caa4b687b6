import { z } from 'zod';
import { ErrorInfoSchema } from './errors';

/**
 * A job's status: one discriminated union, persisted as JSON, never a set of flags.
 * Data that only makes sense in one state lives only on that state.
 */
export const JobStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('queued') }),
  z.object({ state: z.literal('preparing') }),
  z.object({ state: z.literal('uploading') }),
  z.object({ state: z.literal('paused') }),
  z.object({
    state: z.literal('retrying'),
    attempt: z.number().int().min(1),
    lastError: ErrorInfoSchema,
    nextAttemptAt: z.number().optional(),
  }),
  z.object({ state: z.literal('verifying') }),
  z.object({ state: z.literal('done'), mediaId: z.string().min(1) }),
  z.object({ state: z.literal('failed'), error: ErrorInfoSchema }),
  z.object({ state: z.literal('canceled') }),
  z.object({ state: z.literal('source-missing'), reason: z.string() }),
]);
export type JobStatus = z.infer<typeof JobStatusSchema>;
export type JobState = JobStatus['state'];

export const JOB_STATES = [
  'queued',
  'preparing',
  'uploading',
  'paused',
  'retrying',
  'verifying',
  'done',
  'failed',
  'canceled',
  'source-missing',
] as const satisfies readonly JobState[];

/** States in which the engine is working on the job (it holds a slot). */
export const ACTIVE_STATES: readonly JobState[] = ['preparing', 'uploading', 'retrying', 'verifying'];

export function isActiveState(state: JobState): boolean {
  return ACTIVE_STATES.includes(state);
}

export function isActive(status: JobStatus): boolean {
  return isActiveState(status.state);
}
