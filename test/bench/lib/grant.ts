import { basename } from 'node:path';
import { StaticCredentialSource } from '../../../electron/core/vod/caller-credentials';
import type { UploadGrant } from '../../../electron/core/vod/credential-types';
import { parseEndpoint } from '../../../electron/core/vod/endpoints';
import { toUploadGrant } from '../../../electron/core/vod/upload-auth';
import { issueWithVod } from '../../../electron/core/vod/upload-issuer';
import { VodClient } from '../../../electron/core/vod/vod-client';
import type { EmulatorConfig } from '../../emulator/index';

/** CreateUploadVideo against the emulator with the app's own VOD client, decoded into endpoint/key/STS. */
export async function videoGrant(config: EmulatorConfig, path: string, size: number): Promise<UploadGrant> {
  const vod = new VodClient({
    endpoint: parseEndpoint(config.vodEndpoint),
    regionId: config.regionId,
    credentials: new StaticCredentialSource({
      accessKeyId: config.accessKeyId,
      accessKeySecret: config.accessKeySecret,
    }),
  });
  const name = basename(path);
  const issued = await issueWithVod(vod, { kind: 'video', fileName: name, fileSize: size, title: name });
  return toUploadGrant(issued, 'video', Date.now());
}
