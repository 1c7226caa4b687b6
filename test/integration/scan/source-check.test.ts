import { statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FINGERPRINT_SAMPLE, sampledFingerprint } from '../../../electron/core/scan/fingerprint';
import { checkSource } from '../../../electron/core/scan/source-check';
import { tempDir } from '../queue/temp-db';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function file(size: number): string {
  const { dir, cleanup } = tempDir('vod-src-');
  cleanups.push(cleanup);
  const path = join(dir, 'A.mov');
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31) & 0xff;
  writeFileSync(path, bytes);
  return path;
}

async function flipByteAt(path: string, position: number) {
  const st = statSync(path);
  const h = await open(path, 'r+');
  const b = Buffer.alloc(1);
  await h.read(b, 0, 1, position);
  b[0] = b[0]! ^ 0xff;
  await h.write(b, 0, 1, position);
  await h.close();
  utimesSync(path, st.atime, st.mtime); // same size and mtime: only the fingerprint can tell
}

describe('sampled fingerprint and source check', () => {
  it('sees a change in the sampled start, middle and end, and not outside them', async () => {
    const size = 4 * 1024 * 1024;
    const path = file(size);
    const original = await sampledFingerprint(path);
    expect(original).toMatch(/^s1:[0-9a-f]{40}$/);
    await flipByteAt(path, size / 2);
    const middle = await sampledFingerprint(path);
    expect(middle).not.toBe(original);
    await flipByteAt(path, size / 2);
    expect(await sampledFingerprint(path)).toBe(original);
    await flipByteAt(path, size - 1);
    expect(await sampledFingerprint(path)).not.toBe(original);
    await flipByteAt(path, size - 1);
    // A byte between the samples is not read: that is the trade for three small reads per file.
    await flipByteAt(path, FINGERPRINT_SAMPLE * 10);
    expect(await sampledFingerprint(path)).toBe(original);
  });

  it('hashes a small file whole', async () => {
    const path = file(1000);
    const before = await sampledFingerprint(path);
    await flipByteAt(path, 500);
    expect(await sampledFingerprint(path)).not.toBe(before);
  });

  it('reports unchanged, changed size, changed mtime, changed content and missing sources', async () => {
    const path = file(300_000);
    const st = statSync(path);
    const first = await checkSource(path, { size: st.size, mtimeMs: st.mtimeMs, fingerprint: null });
    expect(first.ok).toBe(true);
    const fingerprint = first.ok ? first.fingerprint : '';
    const expected = { size: st.size, mtimeMs: st.mtimeMs, fingerprint };
    expect(await checkSource(path, expected)).toEqual({ ok: true, fingerprint });

    expect(await checkSource(path, { ...expected, size: st.size + 1 })).toMatchObject({
      ok: false,
      problem: 'changed',
      reason: expect.stringContaining('changed size'),
    });
    expect(await checkSource(path, { ...expected, mtimeMs: st.mtimeMs - 5000 })).toMatchObject({
      ok: false,
      problem: 'changed',
      reason: expect.stringContaining('modified'),
    });
    await flipByteAt(path, 0);
    expect(await checkSource(path, expected)).toMatchObject({
      ok: false,
      problem: 'changed',
      reason: expect.stringContaining('content changed'),
    });
    unlinkSync(path);
    expect(await checkSource(path, expected)).toEqual({
      ok: false,
      problem: 'missing',
      reason: 'The source file no longer exists.',
    });
  });
});
