import OSS from 'ali-oss';
import { createHttpAgents } from '../../../electron/core/oss/http-transport';
import { OssClient } from '../../../electron/core/oss/oss-client';
import { type EmulatorConfig } from '../../emulator';
import { engineTrust, ossAgent, plainAgent } from '../../helpers/emulator-trust';
import { callAction, decodeBase64Json, openApiClient } from './vod-client';

export interface Grant {
  readonly mediaId: string;
  readonly endpoint: string;
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken: string;
  /** The emulator's certificate (HTTPS mode). */
  readonly ossCaFile?: string | undefined;
}

/** CreateUploadVideo (or RefreshUploadVideo with `videoId`) through openapi-client, decoded. */
export async function videoGrant(
  config: EmulatorConfig,
  fileName = 'clip.mp4',
  videoId?: string,
): Promise<Grant> {
  const client = openApiClient(config);
  const body = videoId
    ? await callAction(client, 'RefreshUploadVideo', { VideoId: videoId })
    : await callAction(client, 'CreateUploadVideo', { Title: fileName, FileName: fileName });
  const address = decodeBase64Json(body.UploadAddress);
  const auth = decodeBase64Json(body.UploadAuth);
  return {
    mediaId: body.VideoId,
    endpoint: address.Endpoint!,
    bucket: address.Bucket!,
    key: address.FileName!,
    region: auth.Region!,
    accessKeyId: auth.AccessKeyId!,
    accessKeySecret: auth.AccessKeySecret!,
    securityToken: auth.SecurityToken!,
    ossCaFile: config.ossCaFile,
  };
}

/**
 * An ali-oss client for one grant (one client per upload: abort cancels client-wide), signing V4 as OSS
 * requires of new accounts and buckets (`{ authorizationV4: false }` for the legacy V1 case).
 */
export function ossClient(grant: Grant, extra: Partial<OSS.Options> = {}): OSS {
  return new OSS({
    accessKeyId: grant.accessKeyId,
    accessKeySecret: grant.accessKeySecret,
    stsToken: grant.securityToken,
    bucket: grant.bucket,
    endpoint: grant.endpoint,
    region: `oss-${grant.region}`,
    timeout: 20_000,
    // Without a refresher ali-oss warns on every client; the credential lasts the test anyway.
    refreshSTSToken: async () => ({
      accessKeyId: grant.accessKeyId,
      accessKeySecret: grant.accessKeySecret,
      stsToken: grant.securityToken,
    }),
    refreshSTSTokenInterval: 3_600_000,
    authorizationV4: true,
    // The emulator's certificate and *.localhost lookup (its default HTTPS, virtual-hosted mode).
    ...({ agent: plainAgent(), httpsAgent: ossAgent(grant) } as Partial<OSS.Options>),
    ...extra,
  });
}

/** The engine's own OSS client for a grant: its errors keep every field of the error XML. */
export function engineOssClient(grant: Grant, signatureVersion: 'v1' | 'v4' = 'v4'): OssClient {
  return new OssClient({
    endpoint: grant.endpoint,
    bucket: grant.bucket,
    region: grant.region,
    signatureVersion,
    agents: createHttpAgents(4, undefined, engineTrust(grant)),
    credentials: () => ({
      accessKeyId: grant.accessKeyId,
      accessKeySecret: grant.accessKeySecret,
      securityToken: grant.securityToken,
    }),
  });
}

/** The error an ali-oss call throws. */
export async function ossError(
  promise: Promise<unknown>,
): Promise<{ code: string; status: number; name: string; requestId?: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { code: string; status: number; name: string; requestId?: string; message: string };
  }
  throw new Error('expected the OSS call to fail');
}
