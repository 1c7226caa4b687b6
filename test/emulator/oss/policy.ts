import { type StsCredential } from '../accounts';
import { ServiceError } from '../http/errors';
import { type OssOperation } from './operation';
import { type OssTarget } from './target';

export type UploadPolicy = 'narrow' | 'broad';

/** The RAM action OSS authorises each operation under (OSS "Action classification"). */
const RAM_ACTION: Readonly<Record<OssOperation, string>> = {
  PutObject: 'oss:PutObject',
  InitiateMultipartUpload: 'oss:PutObject',
  UploadPart: 'oss:PutObject',
  CompleteMultipartUpload: 'oss:PutObject',
  AbortMultipartUpload: 'oss:AbortMultipartUpload',
  ListParts: 'oss:ListParts',
  ListMultipartUploads: 'oss:ListMultipartUploads',
  HeadObject: 'oss:GetObject',
  GetObjectMeta: 'oss:GetObject',
  GetObject: 'oss:GetObject',
};

/** What VOD's upload SDKs do with the credential: write the one object, nothing else. */
const NARROW: ReadonlySet<OssOperation> = new Set([
  'PutObject',
  'InitiateMultipartUpload',
  'UploadPart',
  'CompleteMultipartUpload',
  'AbortMultipartUpload',
]);

function denied(operation: OssOperation): ServiceError {
  return new ServiceError(
    403,
    'AccessDenied',
    'You have no right to access this object because of the policy of your security token.',
    { AuthAction: RAM_ACTION[operation] },
  );
}

/**
 * The policy VOD attaches to an upload credential: its own bucket and object key only, and under `narrow`
 * only the writes. ListMultipartUploads is a bucket operation: under `broad` it is allowed with prefix = the
 * key, under `narrow` never.
 */
export function checkUploadPolicy(
  policy: UploadPolicy,
  credential: StsCredential,
  operation: OssOperation,
  target: OssTarget,
  query: ReadonlyMap<string, string>,
): void {
  const scope = credential.scope;
  if (scope.type !== 'oss' || scope.bucket !== target.bucket) {
    throw new ServiceError(403, 'AccessDenied', 'You have no right to access this bucket.');
  }
  if (policy === 'narrow' && !NARROW.has(operation)) {
    throw denied(operation);
  }
  const scopedKey = operation === 'ListMultipartUploads' ? (query.get('prefix') ?? '') : target.key;
  if (scopedKey !== scope.key) throw denied(operation);
}
