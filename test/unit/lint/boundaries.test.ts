import { readdirSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The process boundaries are lint rules; these tests prove each rule fires on a deliberate violation and
 * stays quiet on allowed code (so they can fail both ways).
 */
const eslint = new ESLint({
  cwd: process.cwd(),
  // The probes are made-up files no tsconfig holds: the boundary rules need no type information, so the
  // type-checked rules (tested in type-checked-rules.test.ts) are off here.
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/await-thenable': 'off',
    },
  },
});

async function lint(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('process boundaries', () => {
  it.each([
    ['renderer/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['renderer/x.ts', "import fs from 'fs';\nexport const a = fs;\n"],
    ['renderer/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    [
      'renderer/x.ts',
      "import { AppError } from '../electron/core/base/app-error';\nexport const a = AppError;\n",
    ],
    ['shared/x.ts', "import path from 'node:path';\nexport const a = path;\n"],
    [
      'shared/x.ts',
      "import { createApiClient } from '../renderer/api/client';\nexport const a = createApiClient;\n",
    ],
    [
      'shared/x.ts',
      "import { AppError } from '../electron/core/base/app-error';\nexport const a = AppError;\n",
    ],
    ['electron/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['electron/cli/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['electron/core/x.ts', "import { x } from '../main/main';\nexport const a = x;\n"],
    ['electron/main/x.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n"],
    ['electron/main/x.ts', "import * as e from 'electron';\nexport const a = e.ipcMain;\n"],
    [
      'electron/main/x.ts',
      "export function f(w: { webContents: { send(c: string): void } }) { w.webContents.send('x'); }\n",
    ],
    [
      'electron/main/x.ts',
      "export function f(webContents: { send(c: string): void }) { webContents.send('x'); }\n",
    ],
    ['electron/preload/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n"],
    ['electron/core/x.ts', 'const a = 1;\nexport default a;\n'],
  ])('%s: rejects a violation', async (file, code) => {
    const messages = await lint(file, code);
    expect(messages.filter((m) => /no-restricted-(imports|syntax)/.test(m))).not.toEqual([]);
  });

  it.each([
    [
      'renderer/x.ts',
      "import { z } from 'zod';\nimport { invokeChannels } from '../shared/ipc/contract';\nexport const a = [z, invokeChannels];\n",
    ],
    ['shared/x.ts', "import { z } from 'zod';\nexport const a = z;\n"],
    ['electron/core/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['electron/main/ipc/gateway.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n"],
    [
      'electron/preload/bridge.ts',
      "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n",
    ],
  ])('%s: allows what the boundary allows', async (file, code) => {
    const messages = await lint(file, code);
    expect(messages.filter((m) => /no-restricted-(imports|syntax)/.test(m))).toEqual([]);
  });

  describe('core layers', () => {
    it.each([
      ['electron/core/base/x.ts', '../log/logger'],
      ['electron/core/log/x.ts', '../net/proxy-env'],
      ['electron/core/scan/x.ts', '../queue/queue-store'],
      ['electron/core/oss/x.ts', '../queue/queue-store'],
      ['electron/core/secrets/x.ts', '../vod/caller-credentials'],
      ['electron/core/queue/migrations/x.ts', '../../engine/upload-engine'],
      ['electron/core/vod/x.ts', '../engine/upload-engine'],
      ['electron/core/engine/x.ts', '../app/app-services'],
    ])('%s may not import %s (a floor above, or a sibling)', async (file, from) => {
      const messages = await lint(file, `import { a } from '${from}';\nexport const b = a;\n`);
      expect(messages.filter((m) => /floor/.test(m))).not.toEqual([]);
    });

    it.each([
      ['electron/core/log/x.ts', '../base/app-error'],
      ['electron/core/base/x.ts', '../../../shared/ipc/result'],
      ['electron/core/queue/migrations/x.ts', '../../base/sqlite'],
      ['electron/core/vod/x.ts', '../secrets/caller-credential'],
      ['electron/core/engine/x.ts', '../queue/queue-store'],
      ['electron/core/app/x.ts', '../engine/upload-engine'],
    ])('%s may import %s (a floor below)', async (file, from) => {
      const messages = await lint(file, `import { a } from '${from}';\nexport const b = a;\n`);
      expect(messages).toEqual([]);
    });

    it('puts every folder of the core on a floor', async () => {
      const configFile: string = '../../../eslint.config.js';
      const { CORE_LAYERS } = (await import(configFile)) as { CORE_LAYERS: string[][] };
      const folders = readdirSync('electron/core', { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name);
      expect(CORE_LAYERS.flat().sort()).toEqual(folders.sort());
    });
  });

  describe('the CLI through the front door', () => {
    it.each([
      "import { createAppServicesWithInternals } from '../core/app/create-app-services';\nexport const a = createAppServicesWithInternals;\n",
      "import type { AppInternals } from '../../core/app/create-app-services';\nexport type A = AppInternals;\n",
      'export const a = (session: { internals: unknown }) => session.internals;\n',
    ])('rejects internals: %s', async (code) => {
      const messages = await lint('electron/cli/commands/x.ts', code);
      expect(messages.filter((m) => /internals/.test(m))).not.toEqual([]);
    });

    it('allows the public AppServices', async () => {
      const messages = await lint(
        'electron/cli/x.ts',
        "import { createAppServices } from '../core/app/create-app-services';\nexport const a = createAppServices;\n",
      );
      expect(messages).toEqual([]);
    });
  });
});
