import { type IncomingMessage } from 'node:http';
import { ServiceError } from '../http/errors';
import { type Blob, removeBlob } from './store';

/**
 * A Content-MD5 sent by the client must match what arrived (OSS documents InvalidDigest). A client-sent
 * x-oss-hash-crc64ecma is not checked: OSS documents no such request check, so the emulator invents none.
 */
export function checkClientDigests(req: IncomingMessage, blob: Blob): void {
  const md5 = req.headers['content-md5'];
  if (typeof md5 === 'string' && md5 !== blob.md5.toString('base64')) {
    removeBlob(blob);
    throw new ServiceError(400, 'InvalidDigest', 'The Content-MD5 you specified is not valid.');
  }
}
