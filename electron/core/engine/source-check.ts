import { checkSource } from '../scan/source-check';
import { JobFailure } from './job-failure';
import type { EngineJob } from './ports';

/**
 * The source check before any byte of an attempt is sent (scan/source-check.ts does the work: size, mtime
 * and the sampled fingerprint, taken at the first start and compared on every later one). A missing file
 * becomes source-missing; a changed or unreadable one fails the job with the reason, never silently
 * uploaded. Returns the fingerprint to record when the job had none yet.
 */
export async function verifySource(job: EngineJob): Promise<string | null> {
  if (job.size === 0)
    throw new JobFailure('EmptyFile', 'The file is empty (0 bytes); VOD does not accept it.');
  const result = await checkSource(job.path, job);
  if (!result.ok) {
    if (result.problem === 'missing')
      throw new JobFailure('SourceMissing', result.reason, { sourceMissing: true });
    throw new JobFailure(result.problem === 'changed' ? 'SourceChanged' : 'SourceUnreadable', result.reason);
  }
  return job.fingerprint === null ? result.fingerprint : null;
}

/** Same tolerance as the scan's check: some file systems round mtimes. */
export function sameMtime(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1;
}
