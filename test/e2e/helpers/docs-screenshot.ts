import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Copies a screenshot over the README's copy in docs/ when UPDATE_DOCS_SCREENSHOTS=1 (so an ordinary test run
 * leaves the checkout clean): `UPDATE_DOCS_SCREENSHOTS=1 npx vitest run --project e2e test/e2e/upload-flow.test.ts
 * test/e2e/zh-cn.test.ts`.
 */
export async function updateDocsScreenshot(shot: string, docsName: string): Promise<void> {
  if (process.env['UPDATE_DOCS_SCREENSHOTS'] !== '1') return;
  await copyFile(shot, join(process.cwd(), 'docs', docsName));
}
