/**
 * The read-and-hash worker, as source text run with `new Worker(source, { eval: true })`. Being a string
 * with no imports of ours, it loads the same way under tsx, vitest, an esbuild bundle and Electron, with no
 * worker file to locate on disk. The CRC-64 code is required by the absolute paths the pool passes in
 * workerData: the native addon when crc64-implementation.ts chose it, else hash-wasm.
 *
 * It reads one byte range of a file (one read per byte, no second pass), computes its CRC-64/XZ (ECMA-182,
 * the polynomial OSS uses) with the native addon (PCLMULQDQ folding, about 1/9 of hash-wasm's CPU per
 * byte) or hash-wasm's WebAssembly CRC-64 (about 1.5x our JS table loop; also used if the addon fails to
 * load here) and,
 * only when asked (adopting a part found on OSS, whose ETag is its MD5), its MD5; fstat()s the file (so a
 * file changed mid-upload is noticed); and transfers the buffer back without a copy. A hash-only task
 * (task.hashOnly) reads through one reused scratch buffer and sends back only the digests, so hashing a
 * 5 GiB range needs no buffer of that size.
 */
export const READ_PART_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');

const CHUNK = 1024 * 1024;

// One running CRC per worker (a worker reads one range at a time): init(), update(view), digest() as a
// decimal string. The addon's update(crc, bytes) takes and returns the finished CRC as a BigInt.
function nativeHasher() {
  if (!workerData.crc64Addon) return undefined;
  let update;
  try {
    const addon = require(workerData.crc64Addon);
    update = workerData.crc64Portable ? addon.updatePortable : addon.update;
  } catch {
    return undefined;
  }
  let crc = 0n;
  return {
    init() { crc = 0n; },
    update(view) { crc = update(crc, view); },
    digest() { return crc.toString(); },
  };
}

function wasmHasher() {
  return require(workerData.hashWasm).createCRC64().then((h) => ({
    init() { h.init(); },
    update(view) { h.update(view); },
    digest() { return BigInt('0x' + h.digest('hex')).toString(); },
  }));
}

const native = nativeHasher();
const hasher = native ? Promise.resolve(native) : wasmHasher();

let scratch;

function hashOnly(task, crc, fd) {
  if (scratch === undefined) scratch = new Uint8Array(CHUNK);
  const md5 = task.md5 ? crypto.createHash('md5') : undefined;
  crc.init();
  let done = 0;
  while (done < task.size) {
    const n = fs.readSync(fd, scratch, 0, Math.min(CHUNK, task.size - done), task.offset + done);
    if (n === 0) break;
    const view = scratch.subarray(0, n);
    crc.update(view);
    if (md5) md5.update(view);
    done += n;
  }
  const st = fs.fstatSync(fd);
  const crc64 = crc.digest();
  parentPort.postMessage({ id: task.id, ok: true, buffer: undefined, bytesRead: done, crc64,
    md5: md5 ? md5.digest('base64') : undefined, fileSize: st.size, mtimeMs: st.mtimeMs });
}

function readAndHash(task, crc) {
  let fd;
  try {
    fd = fs.openSync(task.path, 'r');
    if (task.hashOnly) return hashOnly(task, crc, fd);
    // A buffer lent back by the pool (same size) saves an allocation per part.
    const buffer = task.buffer && task.buffer.byteLength === task.size ? task.buffer : new ArrayBuffer(task.size);
    const bytes = new Uint8Array(buffer);
    let done = 0;
    while (done < task.size) {
      const n = fs.readSync(fd, bytes, done, Math.min(CHUNK, task.size - done), task.offset + done);
      if (n === 0) break;
      done += n;
    }
    const st = fs.fstatSync(fd);
    const view = bytes.subarray(0, done);
    crc.init();
    crc.update(view);
    const crc64 = crc.digest();
    const md5 = task.md5 ? crypto.createHash('md5').update(view).digest('base64') : undefined;
    parentPort.postMessage(
      { id: task.id, ok: true, buffer, bytesRead: done, crc64, md5, fileSize: st.size, mtimeMs: st.mtimeMs },
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
}

parentPort.on('message', (task) => {
  hasher.then(
    (crc) => readAndHash(task, crc),
    (error) => parentPort.postMessage({ id: task.id, ok: false, code: 'EHASH', message: String(error) }),
  );
});
`;
