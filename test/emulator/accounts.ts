import { hexId, randomSecret } from './ids';

/** A RAM user's long-lived AccessKey and what its policy allows. */
export interface RamUser {
  readonly kind: 'ram';
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** AliyunVodUploadAuth-like: CreateUpload* and RefreshUploadVideo. */
  readonly allowUpload: boolean;
  /** May call sts:AssumeRole on the emulator's roles. */
  readonly allowAssumeRole: boolean;
}

/** What an STS credential may do: call the VOD API as a role, or write one OSS object. */
export type StsScope =
  | { readonly type: 'api'; readonly roleArn: string; readonly allowUpload: boolean }
  | { readonly type: 'oss'; readonly bucket: string; readonly key: string; readonly mediaId: string };

export interface StsCredential {
  readonly kind: 'sts';
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken: string;
  /** Server-clock epoch ms. Mutable so tests can expire a credential at once. */
  expiresAt: number;
  readonly scope: StsScope;
}

export type Principal = RamUser | StsCredential;

export interface Role {
  readonly arn: string;
  readonly allowUpload: boolean;
}

export const ACCOUNT_ID = '1234567890';
export const DEFAULT_ROLE_ARN = `acs:ram::${ACCOUNT_ID}:role/vod-uploader`;

/** Every AccessKey the emulator knows, RAM and STS alike. */
export class Accounts {
  private readonly byId = new Map<string, Principal>();
  readonly roles = new Map<string, Role>([[DEFAULT_ROLE_ARN, { arn: DEFAULT_ROLE_ARN, allowUpload: true }]]);

  addUser(options: { allowUpload?: boolean; allowAssumeRole?: boolean } = {}): RamUser {
    const user: RamUser = {
      kind: 'ram',
      accessKeyId: `LTAI5t${hexId(9)}`,
      accessKeySecret: randomSecret(30),
      allowUpload: options.allowUpload ?? true,
      allowAssumeRole: options.allowAssumeRole ?? true,
    };
    this.byId.set(user.accessKeyId, user);
    return user;
  }

  issueSts(scope: StsScope, expiresAt: number): StsCredential {
    const cred: StsCredential = {
      kind: 'sts',
      accessKeyId: `STS.${randomSecret(24)}`,
      accessKeySecret: randomSecret(40),
      // Real tokens are long opaque strings starting with CAIS; the length matters for header handling.
      securityToken: `CAIS${randomSecret(300)}`,
      expiresAt,
      scope,
    };
    this.byId.set(cred.accessKeyId, cred);
    return cred;
  }

  get(accessKeyId: string): Principal | undefined {
    return this.byId.get(accessKeyId);
  }

  /** Expires an STS credential now; false if there is no such STS AccessKey. */
  expire(accessKeyId: string, now: number): boolean {
    const p = this.byId.get(accessKeyId);
    if (p?.kind !== 'sts') return false;
    p.expiresAt = Math.min(p.expiresAt, now - 1);
    return true;
  }
}
