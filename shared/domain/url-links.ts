import { z } from 'zod';

/**
 * Links as the "Add links…" dialog and a dropped list see them before anything is queued: one verdict per
 * line, with why a line cannot go up as a code (the renderer words it in the person's language) beside the
 * English reason the CLI prints. docs/urls.md.
 */

export const UrlModeSchema = z.enum(['pull', 'relay']);

export const UrlProblemSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('empty') }),
  z.object({ code: z.literal('malformed') }),
  z.object({ code: z.literal('scheme'), scheme: z.string() }),
  z.object({ code: z.literal('no-host') }),
  z.object({ code: z.literal('encoding') }),
  z.object({ code: z.literal('no-extension') }),
  z.object({ code: z.literal('extension'), ext: z.string() }),
  z.object({ code: z.literal('image-pull') }),
  /** The link would go up in a mode this build does not run (relay before it lands). */
  z.object({ code: z.literal('mode-unavailable'), mode: UrlModeSchema }),
]);
export type UrlProblem = z.infer<typeof UrlProblemSchema>;

export const UrlLineSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    /** The link as it may be shown: user:password and query values masked. */
    display: z.string(),
    mode: UrlModeSchema,
    kind: z.enum(['video', 'image']),
  }),
  z.object({
    ok: z.literal(false),
    display: z.string(),
    problem: UrlProblemSchema,
    /** The same in English (CLI, logs). */
    reason: z.string(),
  }),
]);
export type UrlLine = z.infer<typeof UrlLineSchema>;

/** Files whose drop opens "Add links…" with their links rather than uploading them. */
export const URL_LIST_EXTENSIONS: ReadonlySet<string> = new Set(['txt', 'csv']);

/** True for a path naming a .txt or .csv list of links. */
export function isUrlListPath(path: string): boolean {
  const name = path.split(/[\\/]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 && URL_LIST_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}
