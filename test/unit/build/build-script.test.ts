import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../..');

/** Every module a CommonJS bundle asks for at run time. */
function requiredModules(code: string): string[] {
  const names = new Set<string>();
  for (const match of code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) names.add(match[1]!);
  return [...names].sort();
}

describe('build/build.mjs (esbuild step)', () => {
  let out: string;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'vod-build-'));
    await run(process.execPath, ['build/build.mjs', '--out', out, '--skip-renderer'], { cwd: root });
  }, 60_000);

  it('bundles the sandboxed preload into one file that requires nothing but electron', () => {
    const preload = readFileSync(join(out, 'preload', 'preload.cjs'), 'utf8');
    expect(requiredModules(preload)).toEqual(['electron']);
    // No dynamic import either: a sandboxed preload has no module loader.
    expect(preload).not.toMatch(/\bimport\(/);
    // The contract (and zod with it) really is inside: the channel names are in the bundle.
    expect(preload).toContain('queue:add');
  });

  it('keeps npm packages external in the main bundle and bundles the app code', () => {
    const main = readFileSync(join(out, 'main', 'main.cjs'), 'utf8');
    const modules = requiredModules(main);
    expect(modules).toContain('electron');
    expect(modules.filter((m) => m.startsWith('.'))).toEqual([]);
    // shared/ is app code: bundled, not required.
    expect(main).toContain('queue:snapshot');
  });
});
