import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The process boundaries are lint rules; these tests prove each rule fires on a deliberate violation and
 * stays quiet on allowed code (so they can fail both ways).
 */
const eslint = new ESLint({ cwd: process.cwd() });

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
});
