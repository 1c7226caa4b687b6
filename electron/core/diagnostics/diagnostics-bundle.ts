import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type z } from 'zod';
import { ProfileSummarySchema } from '../../../shared/domain/profile';
import { JobViewSchema, QueueTotalsSchema } from '../../../shared/domain/queue';
import { SettingsSchema } from '../../../shared/domain/settings';
import type { Redactor } from '../log/redactor';

/**
 * What "Export diagnostics" writes: enough to understand a support case (versions, settings, the queue, the
 * end of each log) and nothing that can sign a request. Two layers keep secrets out:
 * - every structured part is re-parsed with its contract schema, which drops any field the schema does not
 *   declare (a secret that slipped into a settings object or a job row never gets past this);
 * - the whole bundle then goes through the app's redactor (sensitive key names, registered secret values,
 *   signature-shaped strings), which covers free text such as log lines and error messages.
 */
export interface DiagnosticsInput {
  readonly app: {
    readonly name: string;
    readonly version: string;
    readonly platform: string;
    readonly arch: string;
    readonly versions: Readonly<Record<string, string | undefined>>;
  };
  readonly settings: unknown;
  readonly queue: { readonly jobs: readonly unknown[]; readonly totals: unknown };
  readonly profiles: readonly unknown[];
  readonly logs: ReadonlyArray<{ readonly name: string; readonly content: string }>;
  readonly redactor: Redactor;
  readonly now: number;
}

export const DIAGNOSTICS_FORMAT = 'vod-uploader-diagnostics/1';

export function buildDiagnosticsBundle(input: DiagnosticsInput): Record<string, unknown> {
  const settings = SettingsSchema.safeParse(input.settings);
  const totals = QueueTotalsSchema.safeParse(input.queue.totals);
  const bundle = {
    format: DIAGNOSTICS_FORMAT,
    generatedAt: new Date(input.now).toISOString(),
    app: input.app,
    settings: settings.success ? settings.data : { invalid: true },
    profiles: input.profiles.flatMap((p) => keepValid(ProfileSummarySchema, p)),
    queue: {
      totals: totals.success ? totals.data : { invalid: true },
      jobs: input.queue.jobs.flatMap((job) => keepValid(JobViewSchema, job)),
    },
    logs: input.logs.map((log) => ({ name: log.name, content: log.content })),
  };
  return input.redactor.redact(bundle) as Record<string, unknown>;
}

function keepValid<T>(schema: z.ZodType<T>, value: unknown): T[] {
  const parsed = schema.safeParse(value);
  return parsed.success ? [parsed.data] : [];
}

/**
 * The last `maxBytes` of every log file in `dir` (current and rotated), oldest name first. A missing folder
 * gives no logs rather than an error: diagnostics should export whatever there is.
 */
export function readLogTails(dir: string, maxBytes = 1024 * 1024): Array<{ name: string; content: string }> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => /\.log(\.\d+)?$/.test(name));
  } catch {
    return [];
  }
  return names.sort().flatMap((name) => {
    const file = join(dir, name);
    try {
      const size = statSync(file).size;
      const length = Math.min(size, maxBytes);
      const buffer = Buffer.alloc(length);
      const fd = openSync(file, 'r');
      try {
        readSync(fd, buffer, 0, length, size - length);
      } finally {
        closeSync(fd);
      }
      return [{ name, content: buffer.toString('utf8') }];
    } catch {
      return [];
    }
  });
}
