// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Process boundaries (docs/architecture.md, "Processes") are enforced here, not by comments:
 * - renderer/ imports only shared/ and browser libraries;
 * - shared/ imports nothing from electron/, renderer/ or test/, and no Node built-ins;
 * - electron/core and electron/cli never import 'electron';
 * - the core is layered (CORE_LAYERS): a folder imports only from the floors below it;
 * - the CLI uses only the public AppServices, never the composition root's internals;
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

/**
 * The core's floors, bottom first (docs/architecture.md, "Layers of the core"). A folder may import its own files and
 * the floors below it, never a sibling on its floor or anything above: errors and database handle types at
 * the ground; then logging, proxies, the folder walk and the transport-neutral dispatcher; then OSS, the
 * queue, secrets and diagnostics; then VOD; then the engine and the watch folders (which queue through the
 * engine's enqueue, handed to them as a function); then the composition root.
 */
export const CORE_LAYERS = [
  ['base'],
  ['log', 'net', 'scan', 'ipc'],
  ['oss', 'queue', 'secrets', 'diagnostics', 'team'],
  ['vod'],
  ['engine', 'watch'],
  ['app'],
];

const coreShell = {
  group: ['**/main/**', '**/preload/**', '**/renderer/**', '**/test/**'],
  message: 'core/ and cli/ run under plain Node: no Electron shell, renderer or test code.',
};

/** One block per core folder: what it may not import (the floors above it and its siblings). */
const coreLayerBlocks = CORE_LAYERS.flatMap((floor, level) =>
  floor.map((folder) => {
    const forbidden = CORE_LAYERS.slice(level)
      .flat()
      .filter((other) => other !== folder);
    return {
      files: [`electron/core/${folder}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: [noElectron],
            patterns: [
              coreShell,
              ...(forbidden.length === 0
                ? []
                : [
                    {
                      // Anchored to the core's folders (a nested file climbs two levels): `shared/ipc` is not `core/ipc`.
                      group: forbidden.flatMap((other) => [
                        `../${other}/**`,
                        `../../${other}/**`,
                        `**/core/${other}/**`,
                      ]),
                      message: `electron/core/${folder} is on floor ${level} of the core: it may import only from the floors below (${CORE_LAYERS.slice(0, level).flat().join(', ') || 'none'}).`,
                    },
                  ]),
            ],
          },
        ],
      },
    };
  }),
);

/** The CLI goes through the front door: AppServices and the contract, never the composition root's internals. */
const cliInternalsSyntax = {
  selector: "MemberExpression[property.name='internals']",
  message: 'The CLI uses only the public AppServices (add what it needs there), never internals.',
};
const cliInternalsImports = {
  group: ['**/core/app/create-app-services'],
  importNames: ['createAppServicesWithInternals', 'AppInternals'],
  message: 'The CLI uses only the public AppServices (createAppServices), never internals.',
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
      'native/*/build/**',
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
      // Small files named for what they hold; test/unit/lint/file-size.test.ts checks styles and HTML too.
      'max-lines': ['error', { max: 400 }],
    },
  },
  {
    // Type-checked rules: a promise nobody awaits loses its error, and one passed where a callback returns
    // void is never waited for. Fire-and-forget is written `void promise` with a comment saying why.
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
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
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [coreShell] }],
    },
  },
  ...coreLayerBlocks,
  {
    files: ['electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [coreShell, cliInternalsImports] }],
      'no-restricted-syntax': ['error', noDefaultExport, ...rawIpcSyntax, cliInternalsSyntax],
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
    files: [
      '*.config.{js,ts,cjs,mjs}',
      'renderer/vite.config.ts',
      'build/**/*.{js,cjs,mjs}',
      'bin/**/*.mjs',
      'test/**/*.cjs',
    ],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        __filename: 'readonly',
        require: 'readonly',
        module: 'writable',
        setTimeout: 'readonly',
      },
    },
    rules: { 'no-restricted-syntax': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
