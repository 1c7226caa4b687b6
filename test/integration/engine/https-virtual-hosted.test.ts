import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpAgents } from '../../../electron/core/oss/http-transport';
import { OssClient } from '../../../electron/core/oss/oss-client';
import { OssError } from '../../../electron/core/oss/oss-error';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { emulatorState, jobFor, KiB, openRig, tempDir, writeRandomFile } from './harness';

/**
 * The URL shape of production: OSS over TLS, the bucket in the host name (`bucket.oss-<region>.…`). The
 * emulator serves a throwaway certificate for `oss-cn-shanghai.localhost` and its sub-domains; the engine
 * trusts it only because it is told to, and reaches `*.localhost` through its own loopback lookup.
 */
let emulator: RunningEmulator;
const tmp = tempDir('engine-https-');

beforeAll(async () => {
  emulator = await startEmulator({ sink: true, https: true, virtualHosted: true, uploadPolicy: 'narrow' });
});

afterAll(async () => {
  await emulator.stop();
  tmp.cleanup();
});

describe('HTTPS and virtual-hosted addressing', () => {
  it('hands out an https endpoint on a *.localhost name, with its certificate', () => {
    expect(emulator.config.ossEndpoint).toMatch(/^https:\/\/oss-cn-shanghai\.localhost:\d+$/);
    expect(readFileSync(emulator.config.ossCaFile!, 'utf8')).toMatch(/BEGIN CERTIFICATE/);
  });

  it('uploads a small file (PutObject) and a multipart one to bucket.oss-cn-shanghai.localhost', async () => {
    const small = writeRandomFile(tmp.dir, 'small.mp4', 60 * KiB);
    const large = writeRandomFile(tmp.dir, 'large.mp4', 1300 * KiB);
    const rig = openRig(join(tmp.dir, 'q.db'), emulator.config);
    try {
      rig.queue.jobs.insertMany([jobFor(small.path), jobFor(large.path)]);
      rig.engine.start();
      await rig.engine.whenIdle();
      const jobs = rig.queue.jobs.list();
      expect(jobs.map((j) => j.status.state)).toEqual(['done', 'done']);
      const state = await emulatorState(emulator.config);
      for (const [job, file] of [
        [jobs.find((j) => j.name === 'small.mp4')!, small],
        [jobs.find((j) => j.name === 'large.mp4')!, large],
      ] as const) {
        expect(state.objects.find((o) => o.key === job.objectKey)?.crc64).toBe(file.crc64);
      }
      expect(state.calls['PutObject']).toBeGreaterThanOrEqual(1);
      expect(state.calls['CompleteMultipartUpload']).toBeGreaterThanOrEqual(1);
    } finally {
      await rig.close();
    }
  });

  it('without the certificate, the connection is refused by TLS, not by OSS', async () => {
    // The engine's agents (loopback lookup for *.localhost), but no extra certificate.
    const agents = createHttpAgents(2);
    const client = new OssClient({
      agents,
      endpoint: emulator.config.ossEndpoint,
      bucket: emulator.bucket,
      region: emulator.config.regionId,
      credentials: () => ({ accessKeyId: 'STS.x', accessKeySecret: 'x', securityToken: 'x' }),
    });
    const error = await client.putObject('k', Buffer.from('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OssError);
    expect((error as OssError).status).toBe(0);
    expect((error as OssError).message).toMatch(/certificate/i);
    agents.destroy();
  });
});
