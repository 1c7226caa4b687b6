import { ServiceError } from '../http/errors';
import { type OssTarget } from './target';

export type OssOperation =
  | 'PutObject'
  | 'InitiateMultipartUpload'
  | 'UploadPart'
  | 'CompleteMultipartUpload'
  | 'AbortMultipartUpload'
  | 'ListParts'
  | 'ListMultipartUploads'
  | 'HeadObject'
  | 'GetObjectMeta'
  | 'GetObject';

/** Operations whose request body is object data (counted in bytesReceived, subject to reset faults). */
export const BODY_OPERATIONS: ReadonlySet<string> = new Set(['PutObject', 'UploadPart']);

/** Names the OSS operation from method, query and target, the way OSS routes a request. */
export function operationOf(
  method: string,
  target: OssTarget,
  query: ReadonlyMap<string, string>,
): OssOperation {
  const hasKey = target.key !== '';
  if (hasKey) {
    switch (method) {
      case 'PUT':
        if (query.has('uploadId') || query.has('partNumber')) return 'UploadPart';
        return 'PutObject';
      case 'POST':
        if (query.has('uploads')) return 'InitiateMultipartUpload';
        if (query.has('uploadId')) return 'CompleteMultipartUpload';
        break;
      case 'DELETE':
        if (query.has('uploadId')) return 'AbortMultipartUpload';
        break;
      case 'GET':
        if (query.has('uploadId')) return 'ListParts';
        return 'GetObject';
      case 'HEAD':
        if (query.has('objectMeta')) return 'GetObjectMeta';
        return 'HeadObject';
    }
  } else if (method === 'GET' && query.has('uploads')) {
    return 'ListMultipartUploads';
  }
  throw new ServiceError(
    405,
    'MethodNotAllowed',
    `The emulator does not support ${method} on this resource.`,
  );
}
