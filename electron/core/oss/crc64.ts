/**
 * CRC-64/XZ (ECMA-182 polynomial, reflected, init and xorout all ones): the value OSS sends as
 * `x-oss-hash-crc64ecma`, as an unsigned decimal string.
 *
 * It runs over every uploaded byte, so the inner loop is slicing-by-8 on 32-bit halves: JS numbers are
 * exact only to 53 bits and BigInt is an order of magnitude slower, so each 64-bit table entry is held as
 * two Uint32Array halves (hi and lo). BigInt is used only where it runs once per part (digest, combine).
 */

/** The running CRC register (before the final xor), as two unsigned 32-bit halves. */
export interface Crc64State {
  readonly hi: number;
  readonly lo: number;
}

// 0xC96C5795D7870F42 is the reflected form of the ECMA-182 polynomial 0x42F0E1EBA9EA3693.
const POLY_HI = 0xc96c5795;
const POLY_LO = 0xd7870f42;
const POLY = 0xc96c5795d7870f42n;
const MASK64 = 0xffffffffffffffffn;

/** Eight tables of 256 entries each, table k at offset k * 256. */
const TABLE_HI = new Uint32Array(8 * 256);
const TABLE_LO = new Uint32Array(8 * 256);

function buildTables(): void {
  for (let i = 0; i < 256; i++) {
    let hi = 0;
    let lo = i;
    for (let bit = 0; bit < 8; bit++) {
      const carry = lo & 1;
      lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
      hi = hi >>> 1;
      if (carry) {
        hi = (hi ^ POLY_HI) >>> 0;
        lo = (lo ^ POLY_LO) >>> 0;
      }
    }
    TABLE_HI[i] = hi;
    TABLE_LO[i] = lo;
  }
  // Table k advances an entry of table k-1 by one more zero byte.
  for (let k = 1; k < 8; k++) {
    for (let i = 0; i < 256; i++) {
      const prevHi = TABLE_HI[(k - 1) * 256 + i]!;
      const prevLo = TABLE_LO[(k - 1) * 256 + i]!;
      const idx = prevLo & 0xff;
      TABLE_HI[k * 256 + i] = ((prevHi >>> 8) ^ TABLE_HI[idx]!) >>> 0;
      TABLE_LO[k * 256 + i] = (((prevLo >>> 8) | (prevHi << 24)) ^ TABLE_LO[idx]!) >>> 0;
    }
  }
}
buildTables();

const INITIAL: Crc64State = { hi: 0xffffffff, lo: 0xffffffff };

/** Feeds `chunk` into the CRC; pass `undefined` to start a new one. Returns a new state. */
export function crc64Update(state: Crc64State | undefined, chunk: Uint8Array): Crc64State {
  const start = state ?? INITIAL;
  let hi = start.hi | 0;
  let lo = start.lo | 0;
  const b = chunk;
  const len = b.length;
  const th = TABLE_HI;
  const tl = TABLE_LO;
  let i = 0;
  const end8 = len - (len % 8);
  while (i < end8) {
    const l = lo ^ (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24));
    const h = hi ^ (b[i + 4]! | (b[i + 5]! << 8) | (b[i + 6]! << 16) | (b[i + 7]! << 24));
    const i7 = 1792 + (l & 0xff);
    const i6 = 1536 + ((l >>> 8) & 0xff);
    const i5 = 1280 + ((l >>> 16) & 0xff);
    const i4 = 1024 + (l >>> 24);
    const i3 = 768 + (h & 0xff);
    const i2 = 512 + ((h >>> 8) & 0xff);
    const i1 = 256 + ((h >>> 16) & 0xff);
    const i0 = h >>> 24;
    lo = tl[i7]! ^ tl[i6]! ^ tl[i5]! ^ tl[i4]! ^ tl[i3]! ^ tl[i2]! ^ tl[i1]! ^ tl[i0]!;
    hi = th[i7]! ^ th[i6]! ^ th[i5]! ^ th[i4]! ^ th[i3]! ^ th[i2]! ^ th[i1]! ^ th[i0]!;
    i += 8;
  }
  while (i < len) {
    const idx = (lo ^ b[i]!) & 0xff;
    lo = ((lo >>> 8) | (hi << 24)) ^ tl[idx]!;
    hi = (hi >>> 8) ^ th[idx]!;
    i++;
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

/** The CRC so far as OSS prints it: an unsigned decimal string. */
export function crc64Digest(state: Crc64State | undefined): string {
  const s = state ?? INITIAL;
  const hi = (s.hi ^ 0xffffffff) >>> 0;
  const lo = (s.lo ^ 0xffffffff) >>> 0;
  return ((BigInt(hi) << 32n) | BigInt(lo)).toString();
}

/** One-shot CRC-64 of a buffer. */
export function crc64(buf: Uint8Array): string {
  return crc64Digest(crc64Update(undefined, buf));
}

// GF(2) 64x64 matrices as arrays of 64 column vectors (zlib's crc32_combine method, widened to 64 bits).
type Matrix = bigint[];

function matrixTimes(mat: Matrix, vec: bigint): bigint {
  let sum = 0n;
  let v = vec;
  let i = 0;
  while (v !== 0n) {
    if (v & 1n) sum ^= mat[i]!;
    v >>= 1n;
    i++;
  }
  return sum;
}

function matrixSquare(mat: Matrix): Matrix {
  return mat.map((column) => matrixTimes(mat, column));
}

/** zeroBytesOperator[k] appends 2^k zero bytes to a CRC register; built lazily, shared by every call. */
const zeroBytesOperator: Matrix[] = [];

function operatorFor(power: number): Matrix {
  if (zeroBytesOperator.length === 0) {
    // One zero bit: shift right, xor the polynomial when the low bit falls out.
    let op: Matrix = [POLY];
    for (let n = 1; n < 64; n++) op.push(1n << BigInt(n - 1));
    for (let bits = 1; bits < 8; bits *= 2) op = matrixSquare(op);
    zeroBytesOperator.push(op);
  }
  while (zeroBytesOperator.length <= power) {
    zeroBytesOperator.push(matrixSquare(zeroBytesOperator[zeroBytesOperator.length - 1]!));
  }
  return zeroBytesOperator[power]!;
}

function parseCrc(value: string): bigint {
  if (!/^\d{1,20}$/.test(value)) throw new Error(`Not a CRC-64 decimal string: ${JSON.stringify(value)}`);
  const n = BigInt(value);
  if (n > MASK64) throw new Error(`CRC-64 value out of range: ${value}`);
  return n;
}

/**
 * CRC of `a‖b` from crc(a), crc(b) and the length of b, without the bytes: lets the whole-object CRC be
 * checked from the part CRCs kept per part, with no second read of the file.
 */
export function crc64Combine(crcA: string, crcB: string, lengthB: number): string {
  if (!Number.isSafeInteger(lengthB) || lengthB < 0) throw new Error(`Invalid length: ${lengthB}`);
  let a = parseCrc(crcA);
  const b = parseCrc(crcB);
  let remaining = lengthB;
  let power = 0;
  while (remaining > 0) {
    if (remaining % 2 === 1) a = matrixTimes(operatorFor(power), a);
    remaining = Math.floor(remaining / 2);
    power++;
  }
  return (a ^ b).toString();
}
