import { z } from 'zod';

/**
 * Deterministic one-off faults a test schedules for the next requests of one OSS operation:
 * - `fail`: answer 500 InternalError without applying the request;
 * - `lose-answer`: apply the request, then drop the connection instead of answering (the client never
 *   learns that, say, its Complete succeeded);
 * - `corrupt`: store the body with one bit flipped (as damage in transit would), so MD5, ETag and CRC-64
 *   are those of the damaged bytes;
 * - `opaque-etag`: apply the request, answer with an ETag that is no MD5 (nothing to check a body against
 *   when the answer has no CRC-64 either).
 */
export const SCHEDULED_KINDS = ['fail', 'lose-answer', 'corrupt', 'opaque-etag'] as const;
export type ScheduledKind = (typeof SCHEDULED_KINDS)[number];

export const scheduleSchema = z
  .object({
    kind: z.enum(SCHEDULED_KINDS),
    operation: z.string().min(1),
    count: z.number().int().positive().optional(),
  })
  .strict();

export class ScheduledFaults {
  private readonly left = new Map<string, number>();

  schedule(kind: ScheduledKind, operation: string, count = 1): void {
    const key = `${kind} ${operation}`;
    this.left.set(key, (this.left.get(key) ?? 0) + count);
  }

  /** True when a fault of this kind was scheduled for this operation (consumes it). */
  take(kind: ScheduledKind, operation: string): boolean {
    const key = `${kind} ${operation}`;
    const left = this.left.get(key) ?? 0;
    if (left <= 0) return false;
    this.left.set(key, left - 1);
    return true;
  }
}
