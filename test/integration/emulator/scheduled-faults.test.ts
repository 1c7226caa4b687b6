import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc64 } from '../../../electron/core/oss/crc64';
import { type RunningEmulator, startEmulator } from '../../emulator';
import { engineOssClient, ossClient, videoGrant } from './oss-client';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ seed: 8, transcodeDelay: 10 });
});
afterAll(async () => {
  await emu.stop();
});

async function schedule(body: unknown): Promise<Response> {
  return fetch(`${emu.config.vodEndpoint}/__emulator/schedule`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
}

describe('scheduled one-off faults', () => {
  it('corrupt: the body is stored with a bit flipped; ETag and CRC-64 are those of the damaged bytes', async () => {
    const grant = await videoGrant(emu.config);
    const body = randomBytes(4096);
    expect((await schedule({ kind: 'corrupt', operation: 'PutObject' })).status).toBe(200);
    // The engine's client sends no Content-MD5 (ali-oss does, and OSS would refuse the damaged body).
    const put = await engineOssClient(grant).putObject(grant.key, body);
    const damaged = Buffer.from(body);
    damaged[0] = damaged[0]! ^ 1;
    expect(put.etag).toBe(`"${createHash('md5').update(damaged).digest('hex').toUpperCase()}"`);
    expect(put.crc64).toBe(crc64(damaged));
    expect(emu.state().objects.find((o) => o.key === grant.key)?.crc64).toBe(crc64(damaged));
    // One-off: the next PUT is stored as sent.
    await engineOssClient(grant).putObject(grant.key, body);
    expect(emu.state().objects.find((o) => o.key === grant.key)?.crc64).toBe(crc64(body));
  });

  it('corrupt with Content-MD5 sent: OSS refuses the damaged body (400 InvalidDigest), nothing stored', async () => {
    const grant = await videoGrant(emu.config);
    emu.schedule('corrupt', 'PutObject');
    await expect(ossClient(grant).put(grant.key, randomBytes(2048))).rejects.toMatchObject({
      status: 400,
      code: 'InvalidDigest',
    });
    expect(emu.state().objects.find((o) => o.key === grant.key)).toBeUndefined();
  });

  it('lose-answer: the Complete is applied, the client sees the connection drop, a second Complete is NoSuchUpload', async () => {
    const grant = await videoGrant(emu.config);
    const client = ossClient(grant);
    const part = randomBytes(1024);
    const { uploadId } = await client.initMultipartUpload(grant.key);
    const { etag } = await client.uploadPart(grant.key, uploadId, 1, part, 0, part.length);
    emu.schedule('lose-answer', 'CompleteMultipartUpload');
    await expect(
      client.completeMultipartUpload(grant.key, uploadId, [{ number: 1, etag }]),
    ).rejects.toBeTruthy();
    expect(emu.state().objects.find((o) => o.key === grant.key)?.crc64).toBe(crc64(part));
    await expect(
      client.completeMultipartUpload(grant.key, uploadId, [{ number: 1, etag }]),
    ).rejects.toMatchObject({ status: 404, code: 'NoSuchUpload' });
  });

  it('refuses an unknown kind or a bad count (400), scheduling nothing', async () => {
    expect((await schedule({ kind: 'explode', operation: 'PutObject' })).status).toBe(400);
    expect((await schedule({ kind: 'fail', operation: 'PutObject', count: 0 })).status).toBe(400);
  });
});
