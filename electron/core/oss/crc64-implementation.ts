import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { crc64Digest, crc64Update, type Crc64State } from './crc64';

/**
 * The one place that decides how CRC-64/XZ is computed (docs/architecture.md, "Native parts"):
 *
 *   native-pclmul    the native addon (native/crc64) folding with PCLMULQDQ: x86-64 CPUs that have it
 *   native-portable  the same addon's slicing-by-8 C loop: other CPUs (arm64: PMULL is not implemented)
 *   wasm             no usable addon: hash-wasm's WebAssembly CRC-64 in the read workers, and the JS table
 *                    (crc64.ts) where a synchronous hasher is needed on the main thread
 *
 * The addon is an optimisation: `npm ci` builds it (build/build-crc64.mjs) and a failed build only warns.
 * VOD_UPLOADER_CRC64 overrides the choice: `auto` (default), `portable` (the addon's portable path), `wasm`.
 */
export type Crc64ImplementationName = 'native-pclmul' | 'native-portable' | 'wasm';

export const CRC64_IMPLEMENTATION_ENV = 'VOD_UPLOADER_CRC64';

const overrideSchema = z.enum(['auto', 'portable', 'wasm']);

export interface Crc64Choice {
  readonly name: Crc64ImplementationName;
  /** The addon's absolute path, for the read workers to load; undefined for wasm. */
  readonly addonPath: string | undefined;
  /** Why the addon is not used, when it is not. */
  readonly reason: string | undefined;
}

/** The addon's exports (native/crc64/crc64.c). CRCs are finished CRC-64/XZ values, 0n for no bytes. */
export interface Crc64Addon {
  update(crc: bigint, data: Uint8Array): bigint;
  updatePortable(crc: bigint, data: Uint8Array): bigint;
  implementation(): 'pclmul' | 'portable';
}

const ADDON_RELATIVE_PATH = join('native', 'crc64', 'build', 'Release', 'crc64.node');
/** Its name in a packaged app's resources/native/ (build/before-pack.cjs copies it there). */
export const PACKAGED_ADDON_FILE = 'crc64.node';
/** CRC-64/XZ of "123456789", the catalogued check value. */
const CHECK_VALUE = 0x995dc9bbdf1939fan;

// __filename in the CommonJS bundle, import.meta.url under tsx/vitest (as read-part-pool.ts does).
const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
const localRequire = createRequire(here);

/**
 * The addon's path, or undefined when it is not built: in a packaged app resources/native/crc64.node
 * (build/before-pack.cjs), else the checkout's build, found from this module's folder (source under tsx,
 * out/main and out/cli all sit below the checkout).
 */
export function findCrc64Addon(): string | undefined {
  // Electron sets process.resourcesPath; plain Node has none.
  const resources = (process as { resourcesPath?: unknown }).resourcesPath;
  if (typeof resources === 'string') {
    const packaged = join(resources, 'native', PACKAGED_ADDON_FILE);
    if (existsSync(packaged)) return packaged;
  }
  let dir = dirname(here);
  for (let depth = 0; depth < 6; depth++) {
    const candidate = join(dir, ADDON_RELATIVE_PATH);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/** Loads the addon and proves it on the check value, both paths: a wrong CRC would fail every upload. */
export function loadCrc64Addon(path: string): Crc64Addon {
  const addon = localRequire(path) as Crc64Addon;
  const check = new TextEncoder().encode('123456789');
  for (const update of [addon.update, addon.updatePortable]) {
    const got = update(0n, check);
    if (got !== CHECK_VALUE)
      throw new Error(`${path} computed CRC-64 ${got.toString(16)} for the check value`);
  }
  return addon;
}

/** The rule, given the environment (exported for tests; the process uses crc64Implementation()). */
export function decideCrc64Implementation(env: NodeJS.ProcessEnv): {
  choice: Crc64Choice;
  addon: Crc64Addon | undefined;
} {
  const parsed = overrideSchema.safeParse(env[CRC64_IMPLEMENTATION_ENV] ?? 'auto');
  if (!parsed.success) {
    throw new Error(
      `${CRC64_IMPLEMENTATION_ENV} must be auto, portable or wasm, not ${JSON.stringify(env[CRC64_IMPLEMENTATION_ENV])}`,
    );
  }
  const wasm = (reason: string) => ({
    choice: { name: 'wasm' as const, addonPath: undefined, reason },
    addon: undefined,
  });
  if (parsed.data === 'wasm') return wasm(`${CRC64_IMPLEMENTATION_ENV}=wasm`);
  const path = findCrc64Addon();
  if (path === undefined) return wasm('the native addon is not built (node build/build-crc64.mjs)');
  let addon: Crc64Addon;
  try {
    addon = loadCrc64Addon(path);
  } catch (error) {
    return wasm(`the native addon did not load: ${error instanceof Error ? error.message : String(error)}`);
  }
  const portable = parsed.data === 'portable' || addon.implementation() === 'portable';
  return {
    choice: { name: portable ? 'native-portable' : 'native-pclmul', addonPath: path, reason: undefined },
    addon,
  };
}

let decided: ReturnType<typeof decideCrc64Implementation> | undefined;

/** The implementation this process uses, decided once (the environment is read the first time). */
export function crc64Implementation(): Crc64Choice {
  decided ??= decideCrc64Implementation(process.env);
  return decided.choice;
}

/** A CRC-64/XZ computed chunk by chunk on the calling thread. */
export interface Crc64Hasher {
  update(chunk: Uint8Array): void;
  /** The CRC of every chunk so far, as OSS prints it (unsigned decimal). */
  digest(): string;
}

/** The native addon when it is chosen, else the JS table (synchronous, unlike hash-wasm's factory). */
export function createCrc64Hasher(): Crc64Hasher {
  crc64Implementation();
  const addon = decided?.addon;
  if (addon !== undefined) {
    const update = decided?.choice.name === 'native-portable' ? addon.updatePortable : addon.update;
    let crc = 0n;
    return {
      update: (chunk) => {
        crc = update(crc, chunk);
      },
      digest: () => crc.toString(),
    };
  }
  let state: Crc64State | undefined;
  return {
    update: (chunk) => {
      state = crc64Update(state, chunk);
    },
    digest: () => crc64Digest(state),
  };
}
