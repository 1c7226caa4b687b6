import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * What build/after-pack.cjs records in the package's resources folder: whether this build can run at all and,
 * if not, why (a package made offline with a stub Electron or without the Electron build of better-sqlite3,
 * as CI does), and the update feed baked in at build time. Keep the file name in step with
 * build/packaging-env.cjs (a unit test compares them).
 */
export const BUILD_INFO_FILE = 'build-info.json';

export const BuildInfoSchema = z.object({
  productName: z.string(),
  version: z.string(),
  runnable: z.boolean(),
  notRunnable: z.array(z.string()),
  updateFeed: z.string().nullable(),
});
export type BuildInfo = z.infer<typeof BuildInfoSchema>;

/** The packaged build's record; null where there is none (a development run from the repository). */
export function readBuildInfo(resourcesPath: string): BuildInfo | null {
  let text: string;
  try {
    text = readFileSync(join(resourcesPath, BUILD_INFO_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  let raw: unknown = null;
  try {
    raw = JSON.parse(text);
  } catch {
    // reported below with the schema failure
  }
  const parsed = BuildInfoSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`This installation is damaged: ${BUILD_INFO_FILE} is not readable.`);
  return parsed.data;
}

/** Refuses a package that was built for inspection only, saying what it lacks. */
export function assertRunnable(info: BuildInfo | null): void {
  if (info === null || info.runnable) return;
  throw new Error(
    [
      `This copy of ${info.productName} ${info.version} was packaged for inspection only and cannot run:`,
      ...info.notRunnable.map((reason) => `  • ${reason}`),
      'Package it with `npm run dist` on a machine that has Electron and its headers (docs/desktop.md).',
    ].join('\n'),
  );
}
