import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The type-checked rules run on real files of a tsconfig project (the project service finds them), so the
 * probe is written into electron/core, which tsconfig.electron.json includes, and deleted afterwards.
 */
const dir = mkdtempSync(join(process.cwd(), 'electron/core/base/lint-probe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const probe = `export async function answer(): Promise<number> {
  return 42;
}
export function floating(): void {
  answer();
}
export async function notThenable(): Promise<void> {
  await 3;
}
export function misused(): void {
  [1].forEach(async () => {
    await answer();
  });
}
export function fireAndForget(): void {
  // Fire-and-forget is allowed when written so.
  void answer();
}
`;

describe('type-checked lint rules', () => {
  it('refuse a floating promise, an await of a non-promise and an async callback where void is expected', async () => {
    const file = join(dir, 'probe.ts');
    writeFileSync(file, probe);
    const eslint = new ESLint({ cwd: process.cwd() });
    const [result] = await eslint.lintFiles([relative(process.cwd(), file)]);
    const found = (result?.messages ?? []).map((m) => `${m.line}: ${m.ruleId}`);
    expect(found).toEqual([
      '5: @typescript-eslint/no-floating-promises',
      '8: @typescript-eslint/await-thenable',
      '11: @typescript-eslint/no-misused-promises',
    ]);
  }, 60_000);
});
