import { timingSafeEqual } from 'node:crypto';
import { type IncomingHttpHeaders } from 'node:http';
import { type Accounts, type StsCredential } from '../accounts';
import { type Clock, MAX_SKEW_MS } from '../clock';
import { ServiceError } from '../http/errors';
import { v1CanonicalResource, v1Signature, v1StringToSign } from './signature-v1';
import { parseV4Authorization, v4CanonicalRequest, v4Signature, v4StringToSign } from './signature-v4';
import { type OssTarget } from './target';

export interface OssRequestParts {
  readonly method: string;
  readonly target: OssTarget;
  readonly query: ReadonlyArray<readonly [string, string]>;
  readonly headers: IncomingHttpHeaders;
}

function flat(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = Array.isArray(v) ? v.join(',') : v;
  return out;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function mismatch(stringToSign: string, ec: string, extra: Record<string, string> = {}): ServiceError {
  return new ServiceError(
    403,
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    {
      StringToSign: stringToSign,
      StringToSignBytes: [...Buffer.from(stringToSign)].map((b) => b.toString(16).padStart(2, '0')).join(' '),
      ...extra,
      EC: ec,
    },
  );
}

/** ISO basic format yyyymmddTHHMMSSZ (V4 x-oss-date) → epoch ms. */
function parseBasicIso(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return NaN;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

/** EC of OSS's answer to a V1 signature where V1 is no longer accepted (OSS troubleshooting page 0002-00000080). */
export const V1_REFUSED_EC = '0002-00000080';

/** AdditionalHeaders as OSS's V4 guide defines it: lower-case names, sorted, each once. */
function wellFormedAdditionalHeaders(names: readonly string[]): boolean {
  return names.every((n, i) => n !== '' && n === n.toLowerCase() && (i === 0 || names[i - 1]! < n));
}

/**
 * Verifies an OSS request's V1 or V4 signature against an STS credential VOD issued, its expiry and the
 * request time. Returns the credential; scope (which key it may touch) is checked by the caller.
 */
export function authenticateOss(
  req: OssRequestParts,
  accounts: Accounts,
  clock: Clock,
  regionId: string,
  allowV1 = false,
): StsCredential {
  const headers = flat(req.headers);
  const authorization = headers.authorization;
  if (!authorization) {
    throw new ServiceError(
      403,
      'AccessDenied',
      'AccessDenied: Anonymous access is forbidden for this operation.',
    );
  }
  const v1 = /^OSS ([^:\s]+):(\S+)$/.exec(authorization);
  const v4 = v1 ? undefined : parseV4Authorization(authorization);
  if (!v1 && !v4) throw new ServiceError(400, 'InvalidArgument', 'Authorization header is invalid.');
  if (v1 && !allowV1) {
    throw new ServiceError(
      403,
      'AccessDenied',
      'The V1 signature is no longer supported. Sign the request with the V4 signature (OSS4-HMAC-SHA256).',
      { EC: V1_REFUSED_EC },
    );
  }
  const accessKeyId = v1 ? v1[1]! : v4!.accessKeyId;

  const principal = accounts.get(accessKeyId);
  if (!principal || principal.kind !== 'sts') {
    // A RAM user's own key has no rights on VOD's buckets; an unknown key does not exist.
    if (principal) throw new ServiceError(403, 'AccessDenied', 'You have no right to access this object.');
    throw new ServiceError(
      403,
      'InvalidAccessKeyId',
      'The OSS Access Key Id you provided does not exist in our records.',
      { OSSAccessKeyId: accessKeyId },
    );
  }
  const token = headers['x-oss-security-token'];
  if (!token) {
    throw new ServiceError(
      403,
      'InvalidAccessKeyId',
      'The OSS Access Key Id you provided does not exist in our records.',
      {
        OSSAccessKeyId: accessKeyId,
      },
    );
  }
  if (!safeEqual(token, principal.securityToken)) {
    throw new ServiceError(403, 'InvalidSecurityToken', 'The security token you provided is invalid.');
  }
  if (principal.expiresAt <= clock.now()) {
    throw new ServiceError(403, 'SecurityTokenExpired', 'The security token you provided has expired.');
  }

  let requestTime: number;
  if (v1) {
    const candidates = [headers.date, headers['x-oss-date']].filter((d): d is string => !!d);
    if (candidates.length === 0) {
      throw new ServiceError(403, 'AccessDenied', 'OSS authentication requires a valid Date.');
    }
    const resource = v1CanonicalResource(req.target.bucket, req.target.key, req.query);
    let matched: string | undefined;
    let firstStringToSign = '';
    for (const date of candidates) {
      const stringToSign = v1StringToSign({
        method: req.method,
        contentMd5: headers['content-md5'] ?? '',
        contentType: headers['content-type'] ?? '',
        date,
        headers,
        resource,
      });
      firstStringToSign ||= stringToSign;
      if (safeEqual(v1Signature(principal.accessKeySecret, stringToSign), v1[2]!)) matched = date;
    }
    if (matched === undefined) throw mismatch(firstStringToSign, '0002-00000040');
    requestTime = Date.parse(matched);
    if (Number.isNaN(requestTime)) {
      throw new ServiceError(403, 'AccessDenied', 'OSS authentication requires a valid Date.');
    }
  } else {
    const auth = v4!;
    const ossDate = headers['x-oss-date'] ?? '';
    requestTime = parseBasicIso(ossDate);
    if (Number.isNaN(requestTime) || ossDate.slice(0, 8) !== auth.date) {
      throw new ServiceError(
        400,
        'InvalidArgument',
        'x-oss-date must be yyyymmddTHHMMSSZ and match the credential scope.',
      );
    }
    if (auth.region !== regionId || auth.product !== 'oss') {
      throw new ServiceError(
        400,
        'InvalidArgument',
        `Invalid signing region in Authorization header: ${auth.region}.`,
      );
    }
    if (headers['x-oss-content-sha256'] !== 'UNSIGNED-PAYLOAD') {
      throw new ServiceError(
        400,
        'InvalidArgument',
        'x-oss-content-sha256 must be UNSIGNED-PAYLOAD in a request signed with V4.',
        { EC: '0002-00000214' },
      );
    }
    if (!wellFormedAdditionalHeaders(auth.additionalHeaders)) {
      throw new ServiceError(
        400,
        'InvalidArgument',
        'AdditionalHeaders must be lower-case header names, sorted and each given once.',
      );
    }
    for (const name of auth.additionalHeaders) {
      if (headers[name] === undefined) {
        throw new ServiceError(400, 'InvalidArgument', `Additional header ${name} is not in the request.`);
      }
    }
    const canonical = v4CanonicalRequest({
      method: req.method,
      bucket: req.target.bucket,
      key: req.target.key,
      query: req.query,
      headers,
      additionalHeaders: auth.additionalHeaders,
    });
    const stringToSign = v4StringToSign(auth.region, ossDate, canonical);
    const expected = v4Signature(principal.accessKeySecret, auth.date, auth.region, stringToSign);
    if (!safeEqual(expected, auth.signature))
      throw mismatch(stringToSign, '0002-00000201', { CanonicalRequest: canonical });
  }

  const now = clock.now();
  if (Math.abs(requestTime - now) > MAX_SKEW_MS) {
    throw new ServiceError(
      403,
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large.',
      {
        RequestTime: new Date(requestTime).toISOString(),
        ServerTime: new Date(now).toISOString(),
        MaxAllowedSkewMilliseconds: String(MAX_SKEW_MS),
      },
    );
  }
  return principal;
}
