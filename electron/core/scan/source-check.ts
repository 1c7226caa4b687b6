import { stat } from 'node:fs/promises';
import { describeFsError } from './fs-errors';
import { sampledFingerprint } from './fingerprint';

export interface ExpectedSource {
  readonly size: number;
  readonly mtimeMs: number;
  /** Absent before the first start: then only size and mtime are compared, and the fingerprint is returned. */
  readonly fingerprint: string | null;
}

export type SourceCheck =
  | { readonly ok: true; readonly fingerprint: string }
  | { readonly ok: false; readonly problem: 'missing' | 'unreadable' | 'changed'; readonly reason: string };

/**
 * Is the source still the file that was queued? Checked before an upload starts or resumes: a missing file
 * becomes `source-missing`, a changed one fails the job with the reason (never uploaded silently).
 */
export async function checkSource(path: string, expected: ExpectedSource): Promise<SourceCheck> {
  let size: number;
  let mtimeMs: number;
  try {
    const st = await stat(path);
    if (!st.isFile())
      return { ok: false, problem: 'changed', reason: 'The source is no longer a regular file.' };
    size = st.size;
    mtimeMs = st.mtimeMs;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return { ok: false, problem: 'missing', reason: `The source file ${describeFsError(e)}.` };
    }
    return { ok: false, problem: 'unreadable', reason: `The source file ${describeFsError(e)}.` };
  }
  if (size !== expected.size) {
    return {
      ok: false,
      problem: 'changed',
      reason: `The source file changed size since it was queued (${expected.size} → ${size} bytes).`,
    };
  }
  if (Math.abs(mtimeMs - expected.mtimeMs) > 1) {
    return {
      ok: false,
      problem: 'changed',
      reason: `The source file was modified since it was queued (${new Date(mtimeMs).toISOString()}).`,
    };
  }
  let fingerprint: string;
  try {
    fingerprint = await sampledFingerprint(path);
  } catch (e) {
    return { ok: false, problem: 'unreadable', reason: `The source file ${describeFsError(e)}.` };
  }
  if (expected.fingerprint !== null && fingerprint !== expected.fingerprint) {
    return {
      ok: false,
      problem: 'changed',
      reason:
        'The source file content changed since the upload started (same size and date, different bytes).',
    };
  }
  return { ok: true, fingerprint };
}
