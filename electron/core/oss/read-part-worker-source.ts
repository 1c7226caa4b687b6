/**
 * The read-and-hash worker, as source text run with `new Worker(source, { eval: true })`. Being a string
 * with no imports of ours, it loads the same way under tsx, vitest, an esbuild bundle and Electron, with no
 * worker file to locate on disk.
 *
 * It reads one byte range of a file (one read per byte, no second pass), computes CRC-64/XZ and MD5 of it,
 * fstat()s the file (so a file changed mid-upload is noticed), and transfers the buffer back without a copy.
 * The CRC loop mirrors electron/core/oss/crc64.ts (slicing-by-8 on 32-bit halves); a unit test checks the
 * two agree on random data.
 */
export const READ_PART_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');

const TH = new Uint32Array(2048);
const TL = new Uint32Array(2048);
(function build() {
  for (let i = 0; i < 256; i++) {
    let hi = 0;
    let lo = i;
    for (let bit = 0; bit < 8; bit++) {
      const carry = lo & 1;
      lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
      hi = hi >>> 1;
      if (carry) {
        hi = (hi ^ 0xc96c5795) >>> 0;
        lo = (lo ^ 0xd7870f42) >>> 0;
      }
    }
    TH[i] = hi;
    TL[i] = lo;
  }
  for (let k = 1; k < 8; k++) {
    for (let i = 0; i < 256; i++) {
      const ph = TH[(k - 1) * 256 + i];
      const pl = TL[(k - 1) * 256 + i];
      const idx = pl & 0xff;
      TH[k * 256 + i] = ((ph >>> 8) ^ TH[idx]) >>> 0;
      TL[k * 256 + i] = (((pl >>> 8) | (ph << 24)) ^ TL[idx]) >>> 0;
    }
  }
})();

function crcUpdate(state, b) {
  let hi = state[0] | 0;
  let lo = state[1] | 0;
  const len = b.length;
  const end8 = len - (len % 8);
  let i = 0;
  while (i < end8) {
    const l = lo ^ (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24));
    const h = hi ^ (b[i + 4] | (b[i + 5] << 8) | (b[i + 6] << 16) | (b[i + 7] << 24));
    const i7 = 1792 + (l & 0xff);
    const i6 = 1536 + ((l >>> 8) & 0xff);
    const i5 = 1280 + ((l >>> 16) & 0xff);
    const i4 = 1024 + (l >>> 24);
    const i3 = 768 + (h & 0xff);
    const i2 = 512 + ((h >>> 8) & 0xff);
    const i1 = 256 + ((h >>> 16) & 0xff);
    const i0 = h >>> 24;
    lo = TL[i7] ^ TL[i6] ^ TL[i5] ^ TL[i4] ^ TL[i3] ^ TL[i2] ^ TL[i1] ^ TL[i0];
    hi = TH[i7] ^ TH[i6] ^ TH[i5] ^ TH[i4] ^ TH[i3] ^ TH[i2] ^ TH[i1] ^ TH[i0];
    i += 8;
  }
  while (i < len) {
    const idx = (lo ^ b[i]) & 0xff;
    lo = ((lo >>> 8) | (hi << 24)) ^ TL[idx];
    hi = (hi >>> 8) ^ TH[idx];
    i++;
  }
  state[0] = hi >>> 0;
  state[1] = lo >>> 0;
}

const CHUNK = 1024 * 1024;

parentPort.on('message', (task) => {
  let fd;
  try {
    fd = fs.openSync(task.path, 'r');
    const buffer = new ArrayBuffer(task.size);
    const bytes = new Uint8Array(buffer);
    let done = 0;
    while (done < task.size) {
      const n = fs.readSync(fd, bytes, done, Math.min(CHUNK, task.size - done), task.offset + done);
      if (n === 0) break;
      done += n;
    }
    const st = fs.fstatSync(fd);
    const view = bytes.subarray(0, done);
    const state = [0xffffffff, 0xffffffff];
    crcUpdate(state, view);
    const md5 = crypto.createHash('md5').update(view).digest('base64');
    parentPort.postMessage(
      { id: task.id, ok: true, buffer, bytesRead: done, crcHi: state[0], crcLo: state[1], md5,
        fileSize: st.size, mtimeMs: st.mtimeMs },
      [buffer],
    );
  } catch (error) {
    parentPort.postMessage({ id: task.id, ok: false, code: error && error.code ? String(error.code) : 'EIO',
      message: error && error.message ? String(error.message) : String(error) });
  } finally {
    if (fd !== undefined) {
      try { fs.closeSync(fd); } catch {}
    }
  }
});
`;
