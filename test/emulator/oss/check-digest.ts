import { type IncomingMessage } from 'node:http';
import { ServiceError } from '../http/errors';
import { type Blob, removeBlob } from './store';

/** Content-MD5 and x-oss-hash-crc64ecma sent by the client must match what arrived. */
export function checkClientDigests(req: IncomingMessage, blob: Blob): void {
  const md5 = req.headers['content-md5'];
  if (typeof md5 === 'string' && md5 !== blob.md5.toString('base64')) {
    removeBlob(blob);
    throw new ServiceError(400, 'InvalidDigest', 'The Content-MD5 you specified is not valid.');
  }
  const crc = req.headers['x-oss-hash-crc64ecma'];
  if (typeof crc === 'string' && crc !== blob.crc64) {
    removeBlob(blob);
    throw new ServiceError(
      400,
      'InvalidCRC64',
      'The x-oss-hash-crc64ecma you specified does not match what we calculated.',
    );
  }
}
