/**
 * Bench child: the baselines the engine is compared with, each in its own process like the engine.
 * - ali-default: ali-oss multipartUpload with its defaults (1 MiB parts, 5 in parallel, no CRC check).
 * - ali-tuned:   ali-oss multipartUpload with the engine's part size and parts in flight.
 * - raw-put:     one PutObject streaming the file from disk, no hashing on our side: the ceiling.
 *                 With `lanes`: that many PutObjects at once through the file's ranges (a range cut off
 *                 by a reset is sent again): what this machine can move over a path at all.
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
  /**
   * A batch instead of one file: each file gets its own CreateUploadVideo. ali-default runs them one after
   * another through multipartUpload with its defaults (what a script written from the docs does); ali-tuned
   * sends each with one `put`, `filesAtOnce` at a time.
   */
  readonly paths?: readonly string[];
  readonly filesAtOnce?: number;
  /** raw-put only: PUTs at once, through ranges of the file; timed from the first range's PUT. */
  readonly lanes?: number;
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

/** Bytes `start` to `end` (inclusive) of a file. */
interface Range {
  readonly start: number;
  readonly end: number;
}

function rawPut(grant: UploadGrant, path: string, range: Range): Promise<string | undefined> {
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
      headers: { ...headers, 'content-length': String(range.end - range.start + 1) },
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
    createReadStream(path, { ...range, highWaterMark: 1024 * 1024 }).pipe(req);
  });
}

/** A request a reset cut off is sent again, from its start, up to 10 times; `onResend` counts them. */
async function withResends<T>(send: () => Promise<T>, onResend: () => void): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= 10) throw error;
      onResend();
    }
  }
}

/**
 * `lanes` PUTs at once, working through the file in ranges of at most 4 MiB (a reset costs one range, as
 * it costs the engine one part on a far path), each to the one object key the credential allows (each PUT
 * replaces the object; the sink keeps nothing). One byte goes on every lane first and is not timed, so the
 * timed PUTs find their keep-alive connections open. Returns the metrics and how many PUTs were sent again.
 */
async function rawPutLanes(grant: UploadGrant, path: string, size: number, lanes: number) {
  let resent = 0;
  const count = (): void => {
    resent++;
  };
  await Promise.all(
    Array.from({ length: lanes }, () => withResends(() => rawPut(grant, path, { start: 0, end: 0 }), count)),
  );
  const step = Math.min(4 * 1024 * 1024, Math.ceil(size / lanes));
  const ranges = Array.from({ length: Math.ceil(size / step) }, (_, i) => ({
    start: i * step,
    end: Math.min(size, (i + 1) * step) - 1,
  }));
  const stop = startProcessMetrics();
  resent = 0;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < ranges.length) {
      const range = ranges[next++]!;
      await withResends(() => rawPut(grant, path, range), count);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return { ...stop(), resent };
}

async function uploadOne(path: string, size: number): Promise<string | undefined> {
  const grant = await videoGrant(task.config, path, size);
  if (task.mode === 'raw-put') return rawPut(grant, path, { start: 0, end: size - 1 });
  const client = aliClient(grant);
  if (task.paths !== undefined && task.mode === 'ali-tuned') {
    const result = await client.put(grant.target.objectKey, path);
    return ((result.res as { headers?: Record<string, string> }).headers ?? {})['x-oss-hash-crc64ecma'];
  }
  const options = task.mode === 'ali-tuned' ? { partSize: task.partSize, parallel: task.parallel } : {};
  const result = await client.multipartUpload(grant.target.objectKey, path, options);
  return ((result.res as { headers?: Record<string, string> }).headers ?? {})['x-oss-hash-crc64ecma'];
}

const task = readTask<BaselineTask>();
if (task.paths !== undefined) {
  const paths = task.paths;
  const sizes = paths.map((p) => statSync(p).size);
  const crcs: (string | undefined)[] = new Array<string | undefined>(paths.length);
  const stop = startProcessMetrics();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const i = next++;
      crcs[i] = await uploadOne(paths[i]!, sizes[i]!);
    }
  };
  const lanes = task.mode === 'ali-tuned' ? (task.filesAtOnce ?? 1) : 1;
  await Promise.all(Array.from({ length: Math.min(lanes, paths.length) }, worker));
  reply({ ...stop(), bytes: sizes.reduce((a, b) => a + b, 0), crcs });
} else if (task.lanes !== undefined) {
  const size = statSync(task.path).size;
  // Neither the credential nor opening the connections is timed: the most this machine moves on the path.
  const grant = await videoGrant(task.config, task.path, size);
  reply({ ...(await rawPutLanes(grant, task.path, size, task.lanes)), bytes: size });
} else {
  const size = statSync(task.path).size;
  // Timed from the CreateUploadVideo call, as the engine is timed from its first CreateUpload* request.
  const stop = startProcessMetrics();
  const crc64 = await uploadOne(task.path, size);
  reply({ ...stop(), bytes: size, crc64 });
}
