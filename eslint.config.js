// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Process boundaries (ARCHITECTURE.md) are enforced here, not by comments:
 * - renderer/ imports only shared/ and browser libraries;
 * - shared/ imports nothing from electron/, renderer/ or test/, and no Node built-ins;
 * - electron/core and electron/cli never import 'electron';
 * - raw ipcMain / ipcRenderer / webContents.send only in the IPC gateway files.
 */

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const builtinMessage = 'Node built-ins are not available in this process; go through the contract API.';

const noNode = nodeBuiltins.map((name) => ({ name, message: builtinMessage }));
const noElectron = {
  name: 'electron',
  message: "Only electron/main and electron/preload may import 'electron'.",
};
const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Use the typed IPC gateway (electron/main/ipc/gateway.ts, electron/preload/bridge.ts).',
};

const rawIpcSyntax = [
  {
    selector: "CallExpression[callee.property.name='send'][callee.object.property.name='webContents']",
    message: 'Use sendEvent() from the IPC gateway instead of webContents.send.',
  },
  {
    selector: "CallExpression[callee.property.name='send'][callee.object.name='webContents']",
    message: 'Use sendEvent() from the IPC gateway instead of webContents.send.',
  },
  {
    selector: 'MemberExpression[property.name=/^ipc(Main|Renderer)$/]',
    message: 'Use the typed IPC gateway instead of raw ipcMain / ipcRenderer.',
  },
];
const noDefaultExport = {
  selector: 'ExportDefaultDeclaration',
  message: 'Use named exports.',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'release/**',
      'test-results/**',
      'bench-results/**',
      'coverage/**',
      '.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', noDefaultExport, ...rawIpcSyntax],
      'no-restricted-imports': ['error', { paths: [rawIpc] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [...noNode, noElectron],
          patterns: [
            {
              group: ['**/electron/**', '**/test/**'],
              message: 'The renderer may import only shared/ and browser libraries.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...noNode, noElectron],
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**', '**/test/**'],
              message: 'shared/ is runtime-neutral: it imports nothing from electron/, renderer/ or test/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['**/main/**', '**/preload/**', '**/renderer/**', '**/test/**'],
              message: 'core/ and cli/ run under plain Node: no Electron shell, renderer or test code.',
            },
          ],
        },
      ],
    },
  },
  {
    // The IPC gateway files are the only places raw IPC is allowed.
    files: ['electron/main/ipc/gateway.ts', 'electron/preload/bridge.ts', 'electron/preload/preload.ts'],
    rules: {
      'no-restricted-imports': 'off',
      'no-restricted-syntax': ['error', noDefaultExport],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': ['error', noDefaultExport],
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['*.config.{js,ts,cjs,mjs}', 'renderer/vite.config.ts', 'build/**/*.{js,cjs,mjs}', 'bin/**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
      },
    },
    rules: { 'no-restricted-syntax': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
