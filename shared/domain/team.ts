import { z } from 'zod';

/**
 * The team queue as the app shows it (Settings → Team queue, docs/team.md). The connection string is shown
 * without its password: the password is kept like the profiles' secrets (encrypted at rest, registered with
 * the log redactor) and never sent to the renderer.
 */
export const TeamQueueConfigSchema = z.object({
  configured: z.boolean(),
  /** postgres://user@host:port/db?… with the password taken out; null when none is configured. */
  url: z.string().nullable(),
  hasPassword: z.boolean(),
});
export type TeamQueueConfig = z.infer<typeof TeamQueueConfigSchema>;

export const TeamQueueInputSchema = z
  .object({
    /** A postgres:// or postgresql:// URL; a password in it is taken out and kept as a secret. */
    url: z.string().min(1).max(2048),
    /** A new password; absent keeps the stored one, '' removes it. */
    password: z.string().max(1024).optional(),
  })
  .strict();
export type TeamQueueInput = z.infer<typeof TeamQueueInputSchema>;

export const TEAM_VERDICTS = [
  'ok',
  'unreachable',
  'auth-failed',
  'no-database',
  'schema-missing',
  'schema-old',
  'schema-too-new',
  'invalid-url',
  'error',
] as const;

export const TeamQueueVerdictSchema = z.object({
  verdict: z.enum(TEAM_VERDICTS),
  /** What happened, in words (no secret: the password never appears). */
  message: z.string(),
  /** The newest schema step applied to the database (0: none), and the newest this build knows. */
  schemaVersion: z.number().int().nonnegative().nullable(),
  knownVersion: z.number().int().nonnegative(),
  /** Steps applied by this test (only when asked to migrate). */
  applied: z.array(z.number().int()),
  counts: z
    .object({
      queued: z.number().int().nonnegative(),
      claimed: z.number().int().nonnegative(),
      done: z.number().int().nonnegative(),
      failed: z.number().int().nonnegative(),
    })
    .nullable(),
  serverVersion: z.string().nullable(),
});
export type TeamQueueVerdict = z.infer<typeof TeamQueueVerdictSchema>;

/** One upload in the team's shared history: who (worker) and which machine uploaded what. */
export const TeamHistoryRowSchema = z.object({
  jobId: z.string(),
  mediaId: z.string(),
  kind: z.string(),
  title: z.string(),
  path: z.string(),
  size: z.number().nonnegative(),
  destination: z.string(),
  worker: z.string(),
  machine: z.string(),
  finishedAt: z.number(),
});
export type TeamHistoryRow = z.infer<typeof TeamHistoryRowSchema>;
