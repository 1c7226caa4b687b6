import { createHash, timingSafeEqual } from 'node:crypto';
import { type IncomingHttpHeaders } from 'node:http';
import { type Accounts, type Principal } from '../accounts';
import { type Clock, MAX_SKEW_MS } from '../clock';
import { ServiceError, missingParameter } from '../http/errors';
import { rpcSignature, rpcStringToSign } from './signature-rpc';
import { parseV3Authorization, v3CanonicalRequest, v3Signature, v3StringToSign } from './signature-v3';

/** A verified VOD/STS OpenAPI call: who made it and what it asks. */
export interface ApiCall {
  readonly action: string;
  readonly version: string;
  /** The action's own parameters (common RPC parameters removed). */
  readonly params: Readonly<Record<string, string>>;
  readonly principal: Principal;
}

export interface RawApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: ReadonlyArray<readonly [string, string]>;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const RPC_COMMON = new Set([
  'Action',
  'Version',
  'Format',
  'AccessKeyId',
  'Signature',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'SignatureType',
  'Timestamp',
  'SecurityToken',
  'RegionId',
]);

const V3_REQUIRED_HEADERS = [
  'host',
  'x-acs-action',
  'x-acs-version',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-content-sha256',
];

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Verifies both VOD signatures, the STS token, the clock and the nonce, as the POP gateway does. */
export class ApiAuthenticator {
  /** nonce → server time it was first seen; kept for the 15-minute replay window. */
  private readonly nonces = new Map<string, number>();

  constructor(
    private readonly accounts: Accounts,
    private readonly clock: Clock,
  ) {}

  authenticate(req: RawApiRequest): ApiCall {
    const formParams = this.formParams(req);
    const authorization = header(req.headers, 'authorization');
    if (authorization?.startsWith('ACS3-')) return this.verifyV3(req, authorization, formParams);
    return this.verifyRpc(req, formParams);
  }

  private formParams(req: RawApiRequest): Array<[string, string]> {
    const type = header(req.headers, 'content-type') ?? '';
    if (req.body.length === 0 || !type.includes('application/x-www-form-urlencoded')) return [];
    return [...new URLSearchParams(req.body.toString('utf8'))];
  }

  private verifyV3(req: RawApiRequest, authorization: string, formParams: Array<[string, string]>): ApiCall {
    const auth = parseV3Authorization(authorization);
    if (!auth) {
      throw new ServiceError(
        400,
        'IncompleteSignature',
        'The request signature does not conform to Aliyun standards.',
      );
    }
    for (const name of V3_REQUIRED_HEADERS) {
      if (!header(req.headers, name)) throw missingParameter(name);
      if (!auth.signedHeaders.includes(name)) {
        throw new ServiceError(400, 'IncompleteSignature', `The header "${name}" must be signed.`);
      }
    }
    const payloadHash = header(req.headers, 'x-acs-content-sha256')!;
    if (payloadHash !== createHash('sha256').update(req.body).digest('hex')) {
      throw new ServiceError(
        400,
        'InvalidParameter',
        'x-acs-content-sha256 does not match the request body.',
      );
    }
    const principal = this.principal(auth.accessKeyId, header(req.headers, 'x-acs-security-token'));
    const headers: Record<string, string | undefined> = {};
    for (const name of auth.signedHeaders) headers[name] = header(req.headers, name);
    const canonical = v3CanonicalRequest(
      { method: req.method, path: req.path, query: req.query, headers, payloadHash },
      auth.signedHeaders,
    );
    if (!safeEqual(v3Signature(canonical, principal.accessKeySecret), auth.signature)) {
      throw signatureMismatch(v3StringToSign(canonical));
    }
    this.checkTime(header(req.headers, 'x-acs-date')!);
    this.checkNonce(principal.accessKeyId, header(req.headers, 'x-acs-signature-nonce')!);
    const params: Record<string, string> = {};
    for (const [k, v] of [...req.query, ...formParams]) params[k] = v;
    return {
      action: header(req.headers, 'x-acs-action')!,
      version: header(req.headers, 'x-acs-version')!,
      params,
      principal,
    };
  }

  private verifyRpc(req: RawApiRequest, formParams: Array<[string, string]>): ApiCall {
    const all: Record<string, string> = {};
    for (const [k, v] of [...req.query, ...formParams]) all[k] = v;
    if (!all.Signature) {
      throw new ServiceError(
        400,
        'IncompleteSignature',
        'The request signature does not conform to Aliyun standards.',
      );
    }
    for (const name of [
      'AccessKeyId',
      'Action',
      'Version',
      'Timestamp',
      'SignatureNonce',
      'SignatureMethod',
    ]) {
      if (!all[name]) throw missingParameter(name);
    }
    if (all.SignatureMethod !== 'HMAC-SHA1' || (all.SignatureVersion ?? '1.0') !== '1.0') {
      throw new ServiceError(
        400,
        'InvalidParameter',
        'SignatureMethod must be HMAC-SHA1 and SignatureVersion 1.0.',
      );
    }
    const principal = this.principal(all.AccessKeyId!, all.SecurityToken);
    if (!safeEqual(rpcSignature(req.method, all, principal.accessKeySecret), all.Signature)) {
      throw signatureMismatch(rpcStringToSign(req.method, all));
    }
    this.checkTime(all.Timestamp!);
    this.checkNonce(principal.accessKeyId, all.SignatureNonce!);
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(all)) if (!RPC_COMMON.has(k)) params[k] = v;
    return { action: all.Action!, version: all.Version!, params, principal };
  }

  private principal(accessKeyId: string, token: string | undefined): Principal {
    const principal = this.accounts.get(accessKeyId);
    if (!principal) {
      throw new ServiceError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    }
    if (principal.kind === 'sts') {
      if (!token || !safeEqual(token, principal.securityToken)) {
        throw new ServiceError(
          400,
          'InvalidSecurityToken.MismatchWithAccessKey',
          'Specified SecurityToken mismatch with the AccessKey.',
        );
      }
      if (principal.expiresAt <= this.clock.now()) {
        throw new ServiceError(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.');
      }
    }
    return principal;
  }

  private checkTime(timestamp: string): void {
    if (!TIMESTAMP.test(timestamp) || Number.isNaN(Date.parse(timestamp))) {
      throw new ServiceError(
        400,
        'InvalidTimeStamp.Format',
        `Specified time stamp or date value is not well formatted: ${timestamp}`,
      );
    }
    if (Math.abs(Date.parse(timestamp) - this.clock.now()) > MAX_SKEW_MS) {
      throw new ServiceError(
        400,
        'InvalidTimeStamp.Expired',
        'Specified time stamp or date value is expired.',
      );
    }
  }

  private checkNonce(accessKeyId: string, nonce: string): void {
    const now = this.clock.now();
    if (this.nonces.size > 10_000) {
      for (const [k, seen] of this.nonces) if (now - seen > MAX_SKEW_MS) this.nonces.delete(k);
    }
    const key = `${accessKeyId}\n${nonce}`;
    if (this.nonces.has(key)) {
      throw new ServiceError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    }
    this.nonces.set(key, now);
  }
}

function signatureMismatch(stringToSign: string): ServiceError {
  return new ServiceError(
    403,
    'SignatureDoesNotMatch',
    `Specified signature does not match our calculation. server string to sign is:${stringToSign}`,
  );
}
