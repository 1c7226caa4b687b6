import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCRC64 } from 'hash-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { crc64, crc64Digest, crc64Update } from '../../../electron/core/oss/crc64';
import {
  decideCrc64Implementation,
  findCrc64Addon,
  loadCrc64Addon,
  type Crc64Addon,
  type Crc64Choice,
} from '../../../electron/core/oss/crc64-implementation';
import { ReadPartPool } from '../../../electron/core/oss/read-part-pool';

/**
 * The native CRC-64/XZ addon (native/crc64) against the JS table (crc64.ts) and hash-wasm, on both of its
 * paths. CI builds it (`npm ci` runs build/build-crc64.mjs), so there a missing addon fails these tests;
 * a checkout without the build (a worktree sharing node_modules) skips them.
 */
const addonPath = findCrc64Addon();
const required = process.env.CI === 'true' || addonPath !== undefined;

const wasm = await createCRC64();
function wasmCrc(bytes: Uint8Array): string {
  wasm.init();
  wasm.update(bytes);
  return BigInt(`0x${wasm.digest('hex')}`).toString();
}

describe.runIf(required)('native CRC-64/XZ addon', () => {
  const addon: Crc64Addon = loadCrc64Addon(addonPath ?? 'native/crc64 is not built');
  const paths = [
    ['update', (crc: bigint, data: Uint8Array) => addon.update(crc, data)],
    ['updatePortable', (crc: bigint, data: Uint8Array) => addon.updatePortable(crc, data)],
  ] as const;

  it('uses PCLMULQDQ on this x86-64 CPU (the portable path is forced through updatePortable)', () => {
    // The bench machine and CI are x86-64 with pclmul; elsewhere the portable path is the only one.
    expect(addon.implementation()).toBe(process.arch === 'x64' ? 'pclmul' : 'portable');
  });

  for (const [name, update] of paths) {
    describe(name, () => {
      it('gives the catalogue check value 0x995DC9BBDF1939FA for "123456789", and 0 for no bytes', () => {
        expect(update(0n, new TextEncoder().encode('123456789'))).toBe(0x995dc9bbdf1939fan);
        expect(update(0n, new Uint8Array(0))).toBe(0n);
        expect(update(123n, new Uint8Array(0))).toBe(123n);
      });

      it('matches the JS table and hash-wasm for every length 0..300 at byte offsets 0..15', () => {
        const pool = randomBytes(300 + 16);
        for (let length = 0; length <= 300; length++) {
          for (let offset = 0; offset < 16; offset++) {
            const view = new Uint8Array(pool.buffer, pool.byteOffset + offset, length);
            const expected = crc64(view);
            expect(update(0n, view).toString(), `length ${length} offset ${offset}`).toBe(expected);
            if (offset === 0) expect(wasmCrc(view)).toBe(expected);
          }
        }
      });

      it('matches on 1–9 MiB buffers, unaligned, and the fold loop sees every byte', () => {
        for (const mib of [1, 4, 9]) {
          const buf = randomBytes(mib * 1024 * 1024 + 37);
          const view = buf.subarray(3, buf.length - 5);
          const expected = wasmCrc(view);
          expect(crc64(view)).toBe(expected);
          expect(update(0n, view).toString(), `${mib} MiB`).toBe(expected);
          // One flipped bit deep inside the folded lanes changes the CRC.
          view[view.length >> 1]! ^= 0x10;
          expect(update(0n, view).toString()).not.toBe(expected);
        }
      });

      it('chained updates split at random points equal the one-shot CRC and the JS state machine', () => {
        const buf = randomBytes(3 * 1024 * 1024 + 11);
        const oneShot = update(0n, buf);
        for (let round = 0; round < 20; round++) {
          const cuts = [0, buf.length];
          for (let i = 0; i < 1 + (round % 7); i++) cuts.push(Math.floor(Math.random() * buf.length));
          if (round % 3 === 0) cuts.push(1, 255, 256, 257);
          cuts.sort((a, b) => a - b);
          let crc = 0n;
          let state = undefined;
          for (let i = 1; i < cuts.length; i++) {
            const piece = buf.subarray(cuts[i - 1], cuts[i]);
            crc = update(crc, piece);
            state = crc64Update(state, piece);
          }
          expect(crc, `cuts ${cuts.join(',')}`).toBe(oneShot);
          expect(crc.toString()).toBe(crc64Digest(state));
        }
      });

      it('refuses a CRC that is not a 64-bit BigInt and data that is not a Uint8Array', () => {
        const bad = update as unknown as (crc: unknown, data: unknown) => bigint;
        expect(() => bad(1, new Uint8Array(1))).toThrow(/crc must be a BigInt/);
        expect(() => bad(-1n, new Uint8Array(1))).toThrow(/crc must be a BigInt/);
        expect(() => bad(1n << 64n, new Uint8Array(1))).toThrow(/crc must be a BigInt/);
        expect(() => bad(0n, 'abc')).toThrow(/data must be a Uint8Array/);
        expect(() => bad(0n, new Uint16Array(4))).toThrow(/data must be a Uint8Array/);
      });
    });
  }
});

describe('choosing the CRC-64 implementation (crc64-implementation.ts)', () => {
  it.runIf(required)('uses the addon by default, its portable path or wasm when told', () => {
    const auto = decideCrc64Implementation({}).choice;
    expect(auto.name).toBe(process.arch === 'x64' ? 'native-pclmul' : 'native-portable');
    expect(auto.addonPath).toBe(addonPath);
    expect(decideCrc64Implementation({ VOD_UPLOADER_CRC64: 'portable' }).choice.name).toBe('native-portable');
  });

  it('falls back to wasm when told, saying why', () => {
    expect(decideCrc64Implementation({ VOD_UPLOADER_CRC64: 'wasm' }).choice).toEqual({
      name: 'wasm',
      addonPath: undefined,
      reason: 'VOD_UPLOADER_CRC64=wasm',
    });
  });

  it('refuses an unknown setting with the values it accepts', () => {
    expect(() => decideCrc64Implementation({ VOD_UPLOADER_CRC64: 'fast' })).toThrow(
      'VOD_UPLOADER_CRC64 must be auto, portable or wasm, not "fast"',
    );
  });
});

describe('the read workers give the same CRC with every implementation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crc-pool-'));
  const data = randomBytes(5 * 1024 * 1024 + 3);
  const path = join(dir, 'a.bin');
  writeFileSync(path, data);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const choices: Crc64Choice[] = [{ name: 'wasm', addonPath: undefined, reason: 'test' }];
  if (required) {
    choices.push(
      { name: 'native-pclmul', addonPath: addonPath!, reason: undefined },
      { name: 'native-portable', addonPath: addonPath!, reason: undefined },
    );
  }
  for (const choice of choices) {
    it(choice.name, async () => {
      const pool = new ReadPartPool(1, choice);
      try {
        const ranges = [
          [0, data.length],
          [1, 3 * 1024 * 1024],
          [7, 200],
          [0, 0],
        ] as const;
        for (const [offset, size] of ranges) {
          const expected = crc64(data.subarray(offset, offset + size));
          expect((await pool.readPart(path, offset, size)).crc64).toBe(expected);
          expect((await pool.hashRange(path, offset, size)).crc64).toBe(expected);
        }
      } finally {
        await pool.close();
      }
    });
  }

  it('a worker whose addon does not load falls back to hash-wasm', async () => {
    const pool = new ReadPartPool(1, {
      name: 'native-pclmul',
      addonPath: join(dir, 'missing.node'),
      reason: undefined,
    });
    try {
      expect((await pool.readPart(path, 0, data.length)).crc64).toBe(crc64(data));
    } finally {
      await pool.close();
    }
  });
});
