import { type Accounts } from '../accounts';
import { isoSeconds } from '../clock';

export interface UploadAuthContext {
  readonly accounts: Accounts;
  readonly now: number;
  readonly ttlSeconds: number;
  readonly ossEndpoint: string;
  readonly regionId: string;
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

/** Issues the base64 UploadAddress and UploadAuth pair for one object, with a fresh STS credential. */
export function issueUploadAuth(
  ctx: UploadAuthContext,
  target: { mediaId: string; bucket: string; key: string },
): { UploadAddress: string; UploadAuth: string } {
  const expiresAt = ctx.now + ctx.ttlSeconds * 1000;
  const cred = ctx.accounts.issueSts(
    { type: 'oss', bucket: target.bucket, key: target.key, mediaId: target.mediaId },
    expiresAt,
  );
  return {
    UploadAddress: b64({ Endpoint: ctx.ossEndpoint, Bucket: target.bucket, FileName: target.key }),
    UploadAuth: b64({
      SecurityToken: cred.securityToken,
      AccessKeyId: cred.accessKeyId,
      ExpireUTCTime: isoSeconds(expiresAt),
      AccessKeySecret: cred.accessKeySecret,
      Expiration: String(Math.round(ctx.ttlSeconds)),
      Region: ctx.regionId,
    }),
  };
}
