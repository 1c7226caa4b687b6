/**
 * Bench child: the baselines the engine is compared with, each in its own process like the engine.
 * - ali-default: ali-oss multipartUpload with its defaults (1 MiB parts, 5 in parallel, no CRC check).
 * - ali-tuned:   ali-oss multipartUpload with the engine's part size and parts in flight.
 * - raw-put:     one PutObject streaming the file from disk, no hashing on our side: the ceiling.
 */
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import OSS from 'ali-oss';
import { loopbackLookup } from '../../../electron/core/net/loopback-lookup';
import { signingRegion } from '../../../electron/core/oss/oss-region';
import { signV4 } from '../../../electron/core/oss/oss-signer-v4';
import { objectUrl } from '../../../electron/core/oss/oss-url';
import type { UploadGrant } from '../../../electron/core/vod/credential-types';
import type { EmulatorConfig } from '../../emulator/index';
import { readTask, reply } from '../lib/child';
import { videoGrant } from '../lib/grant';
import { startProcessMetrics } from '../lib/process-metrics';

export interface BaselineTask {
  readonly config: EmulatorConfig;
  readonly path: string;
  readonly mode: 'ali-default' | 'ali-tuned' | 'raw-put';
  readonly partSize?: number;
  readonly parallel?: number;
}

// The emulator's default mode: TLS (its certificate comes in through NODE_EXTRA_CA_CERTS, see lib/child.ts)
// and the bucket's host name under localhost, which these clients resolve to loopback as the engine does.
const agents = {
  agent: new http.Agent({ keepAlive: true, lookup: loopbackLookup }),
  httpsAgent: new https.Agent({ keepAlive: true, lookup: loopbackLookup }),
};

function aliClient(grant: UploadGrant): OSS {
  const c = grant.credential;
  const credential = {
    accessKeyId: c.accessKeyId,
    accessKeySecret: c.accessKeySecret,
    stsToken: c.securityToken,
  };
  return new OSS({
    ...credential,
    bucket: grant.target.bucket,
    endpoint: grant.target.endpoint,
    region: `oss-${grant.target.region ?? 'cn-shanghai'}`,
    ...(agents as Partial<OSS.Options>),
    timeout: 120_000,
    refreshSTSToken: async () => credential,
    refreshSTSTokenInterval: 3_600_000,
    // OSS closed V1 to new accounts and buckets; the emulator refuses it by default.
    authorizationV4: true,
  });
}

function rawPut(grant: UploadGrant, path: string, size: number): Promise<string | undefined> {
  const c = grant.credential;
  const key = grant.target.objectKey;
  const { headers } = signV4({
    method: 'PUT',
    bucket: grant.target.bucket,
    key,
    query: {},
    headers: { 'content-type': 'video/mp4' },
    accessKeyId: c.accessKeyId,
    accessKeySecret: c.accessKeySecret,
    securityToken: c.securityToken,
    region: signingRegion(grant.target.region, grant.target.endpoint),
    date: new Date(),
  });
  const url = objectUrl(grant.target.endpoint, grant.target.bucket, key, {});
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const req = (secure ? https : http).request(url, {
      method: 'PUT',
      headers: { ...headers, 'content-length': String(size) },
      agent: secure ? agents.httpsAgent : agents.agent,
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => {
        if ((res.statusCode ?? 0) >= 300) reject(new Error(`PutObject answered HTTP ${res.statusCode}`));
        else resolve(res.headers['x-oss-hash-crc64ecma'] as string | undefined);
      });
    });
    req.on('error', reject);
    createReadStream(path, { highWaterMark: 1024 * 1024 }).pipe(req);
  });
}

const task = readTask<BaselineTask>();
const size = statSync(task.path).size;
// Timed from the CreateUploadVideo call, as the engine is timed from queue:add: both include the credential.
const stop = startProcessMetrics();
const grant = await videoGrant(task.config, task.path, size);
let crc64: string | undefined;
if (task.mode === 'raw-put') {
  crc64 = await rawPut(grant, task.path, size);
} else {
  const client = aliClient(grant);
  const options = task.mode === 'ali-tuned' ? { partSize: task.partSize, parallel: task.parallel } : {};
  const result = await client.multipartUpload(grant.target.objectKey, task.path, options);
  crc64 = ((result.res as { headers?: Record<string, string> }).headers ?? {})['x-oss-hash-crc64ecma'];
}
reply({ ...stop(), bytes: size, crc64 });
