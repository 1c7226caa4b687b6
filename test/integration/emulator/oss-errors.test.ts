import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type OSS from 'ali-oss';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { objectUrl } from '../../../electron/core/oss/oss-url';
import { type RunningEmulator, startEmulator } from '../../emulator';
import { ossRequest } from '../../helpers/emulator-trust';
import { type Grant, ossClient, ossError, videoGrant } from './oss-client';

let emu: RunningEmulator;
let dir: string;
let partFile: string;
beforeAll(async () => {
  emu = await startEmulator({ seed: 3 });
  dir = mkdtempSync(join(tmpdir(), 'emu-oss-err-'));
  partFile = join(dir, 'part.bin');
  writeFileSync(partFile, randomBytes(100 * 1024));
});
afterEach(() => {
  emu.setFaults({ errorRate: 0, stsTtl: 3000, skew: 0, uploadPolicy: 'narrow' });
});
afterAll(async () => {
  await emu.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A Complete with a hand-written body, through ali-oss's own signing (its API would sort and dedupe). */
async function rawComplete(client: OSS, key: string, uploadId: string, xml: string) {
  const c = client as any;
  const params = c._objectRequestParams('POST', key, { subres: { uploadId } });
  params.mime = 'xml';
  params.content = xml;
  params.successStatuses = [200];
  params.xmlResponse = true;
  return c.request(params);
}

function completeXml(parts: Array<[number, string]>): string {
  return `<CompleteMultipartUpload>${parts
    .map(([n, etag]) => `<Part><PartNumber>${n}</PartNumber><ETag>${etag}</ETag></Part>`)
    .join('')}</CompleteMultipartUpload>`;
}

async function uploadWithParts(
  sizes: number[],
): Promise<{ grant: Grant; client: OSS; uploadId: string; etags: string[] }> {
  const grant = await videoGrant(emu.config);
  const client = ossClient(grant);
  const { uploadId } = await client.initMultipartUpload(grant.key);
  const etags: string[] = [];
  for (const [i, size] of sizes.entries()) {
    etags.push((await client.uploadPart(grant.key, uploadId, i + 1, partFile, 0, size)).etag);
  }
  return { grant, client, uploadId, etags };
}

describe('OSS authentication and scope', () => {
  it('a wrong secret → 403 SignatureDoesNotMatch with the StringToSign', async () => {
    const grant = await videoGrant(emu.config);
    const err = await ossError(
      ossClient({ ...grant, accessKeySecret: 'wrong' }).put(grant.key, Buffer.from('x')),
    );
    expect(err).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
    expect(err.requestId).toMatch(/^[0-9A-F]{24}$/);
  });

  it('V4: a wrong secret → 403 SignatureDoesNotMatch with the CanonicalRequest', async () => {
    const grant = await videoGrant(emu.config);
    const client = ossClient({ ...grant, accessKeySecret: 'wrong' }, { authorizationV4: true } as never);
    expect(await ossError(client.put(grant.key, Buffer.from('x')))).toMatchObject({
      code: 'SignatureDoesNotMatch',
      status: 403,
    });
  });

  it('an unknown AccessKey → 403 InvalidAccessKeyId; a wrong token → 403 InvalidSecurityToken', async () => {
    const grant = await videoGrant(emu.config);
    expect(await ossError(ossClient({ ...grant, accessKeyId: 'STS.unknown' }).head(grant.key))).toMatchObject(
      {
        code: 'InvalidAccessKeyId',
        status: 403,
      },
    );
    expect(
      await ossError(ossClient({ ...grant, securityToken: 'CAISforged' }).head(grant.key)),
    ).toMatchObject({
      code: 'InvalidSecurityToken',
      status: 403,
    });
  });

  it("the RAM user's own AccessKey has no rights on the VOD bucket → 403 AccessDenied", async () => {
    const grant = await videoGrant(emu.config);
    const client = ossClient({
      ...grant,
      accessKeyId: emu.config.accessKeyId,
      accessKeySecret: emu.config.accessKeySecret,
    });
    expect(await ossError(client.put(grant.key, Buffer.from('x')))).toMatchObject({
      code: 'AccessDenied',
      status: 403,
    });
  });

  it('a credential writes only its own object key → 403 AccessDenied, and the rejected body still counts', async () => {
    const grant = await videoGrant(emu.config);
    const before = emu.state().bytesReceived;
    const err = await ossError(ossClient(grant).put('sv/someone-else.mp4', randomBytes(4000)));
    expect(err).toMatchObject({ code: 'AccessDenied', status: 403 });
    expect(emu.state().bytesReceived).toBe(before + 4000);
    expect(emu.state().objects.some((o) => o.key === 'sv/someone-else.mp4')).toBe(false);
  });

  it('an expired credential → 403 SecurityTokenExpired (--sts-ttl shortens its life)', async () => {
    emu.setFaults({ stsTtl: 1 });
    const grant = await videoGrant(emu.config);
    await ossClient(grant).put(grant.key, Buffer.from('in time'));
    await new Promise((r) => setTimeout(r, 1100));
    expect(await ossError(ossClient(grant).put(grant.key, Buffer.from('late')))).toMatchObject({
      code: 'SecurityTokenExpired',
      status: 403,
    });
  });

  it('a request dated more than 15 minutes off → 403 RequestTimeTooSkewed', async () => {
    const grant = await videoGrant(emu.config);
    const skewed = ossClient(grant, { amendTimeSkewed: 16 * 60 * 1000 } as never);
    expect(await ossError(skewed.put(grant.key, Buffer.from('x')))).toMatchObject({
      code: 'RequestTimeTooSkewed',
      status: 403,
    });
    const slightly = ossClient(grant, { amendTimeSkewed: 10 * 60 * 1000 } as never);
    await expect(slightly.put(grant.key, Buffer.from('x'))).resolves.toBeTruthy();
  });

  it("a bucket addressed through another region's endpoint → 403 AccessDenied", async () => {
    const grant = await videoGrant(emu.config);
    // The bucket's name under cn-hangzhou's endpoint (the emulator serves cn-shanghai).
    const raw = await ossRequest(emu.config, objectUrl(grant.endpoint, grant.bucket, grant.key, {}), {
      method: 'PUT',
      headers: { host: `${grant.bucket}.oss-cn-hangzhou.localhost` },
      body: 'x',
    });
    expect(raw.status).toBe(403);
    expect(raw.body).toContain('<Code>AccessDenied</Code>');
    expect(raw.body).toContain('<Endpoint>oss-cn-shanghai.aliyuncs.com</Endpoint>');
  });
});

describe('OSS object and multipart rules', () => {
  it('a wrong Content-MD5 → 400 InvalidDigest, and nothing is stored', async () => {
    const grant = await videoGrant(emu.config);
    const err = await ossError(
      ossClient(grant).put(grant.key, Buffer.from('hello'), {
        headers: { 'Content-MD5': '1B2M2Y8AsgTpgAmY7PhCfg==' },
      }),
    );
    expect(err).toMatchObject({ code: 'InvalidDigest', status: 400 });
    expect(emu.state().objects.some((o) => o.key === grant.key)).toBe(false);
  });

  it('part numbers outside 1..10000 → 400 InvalidArgument', async () => {
    const grant = await videoGrant(emu.config);
    const client = ossClient(grant);
    const { uploadId } = await client.initMultipartUpload(grant.key);
    expect(await ossError(client.uploadPart(grant.key, uploadId, 10001, partFile, 0, 10))).toMatchObject({
      code: 'InvalidArgument',
      status: 400,
    });
    expect(await ossError(client.uploadPart(grant.key, uploadId, 0, partFile, 0, 10))).toMatchObject({
      code: 'InvalidArgument',
    });
  });

  it('Complete with parts out of order → 400 InvalidPartOrder', async () => {
    const { grant, client, uploadId, etags } = await uploadWithParts([102400, 102400]);
    const xml = completeXml([
      [2, etags[1]!],
      [1, etags[0]!],
    ]);
    expect(await ossError(rawComplete(client, grant.key, uploadId, xml))).toMatchObject({
      code: 'InvalidPartOrder',
      status: 400,
    });
  });

  it('Complete naming a missing part or a wrong ETag → 400 InvalidPart', async () => {
    const { grant, client, uploadId, etags } = await uploadWithParts([102400, 50]);
    expect(
      await ossError(
        client.completeMultipartUpload(grant.key, uploadId, [
          { number: 1, etag: etags[0]! },
          { number: 3, etag: etags[1]! },
        ]),
      ),
    ).toMatchObject({ code: 'InvalidPart', status: 400 });
    expect(
      await ossError(
        client.completeMultipartUpload(grant.key, uploadId, [
          { number: 1, etag: etags[0]! },
          { number: 2, etag: '"00000000000000000000000000000000"' },
        ]),
      ),
    ).toMatchObject({ code: 'InvalidPart' });
  });

  it('Complete with a non-last part under 100 KB → 400 EntityTooSmall (the last part may be small)', async () => {
    const { grant, client, uploadId, etags } = await uploadWithParts([102399, 102400, 10]);
    const parts = etags.map((etag, i) => ({ number: i + 1, etag }));
    expect(await ossError(client.completeMultipartUpload(grant.key, uploadId, parts))).toMatchObject({
      code: 'EntityTooSmall',
      status: 400,
    });
    // Parts 2 and 3 alone are fine: gaps are allowed and the last part has no minimum.
    await expect(client.completeMultipartUpload(grant.key, uploadId, parts.slice(1))).resolves.toBeTruthy();
  });

  it('Complete accepts ETags whose quotes are escaped as numeric character references', async () => {
    const { grant, client, uploadId, etags } = await uploadWithParts([102400, 50]);
    const bare = etags.map((e) => e.replace(/"/g, ''));
    const xml = completeXml([
      [1, `&#34;${bare[0]}&#34;`],
      [2, `&#x22;${bare[1]}&#x22;`],
    ]);
    const res = (await rawComplete(client, grant.key, uploadId, xml)) as { status: number };
    expect(res.status).toBe(200);
    expect(emu.state().objects).toContainEqual(expect.objectContaining({ key: grant.key, size: 102450 }));
  });

  it('x-oss-complete-all: yes completes with every uploaded part and an empty body', async () => {
    const { grant, client, uploadId } = await uploadWithParts([102400, 7]);
    const c = client as any;
    const params = c._objectRequestParams('POST', grant.key, {
      subres: { uploadId },
      headers: { 'x-oss-complete-all': 'yes' },
    });
    params.successStatuses = [200];
    await c.request(params);
    expect(emu.state().objects).toContainEqual(expect.objectContaining({ key: grant.key, size: 102407 }));
  });

  it('a Complete body that is not the documented XML → 400 MalformedXML', async () => {
    const { grant, client, uploadId } = await uploadWithParts([10]);
    expect(
      await ossError(rawComplete(client, grant.key, uploadId, '<CompleteMultipartUpload><Part>')),
    ).toMatchObject({
      code: 'MalformedXML',
      status: 400,
    });
  });

  it('an uploadId expired by the control call → 404 NoSuchUpload', async () => {
    const { grant, client, uploadId } = await uploadWithParts([10]);
    const res = await fetch(`${emu.config.vodEndpoint}/__emulator/expire-upload`, {
      method: 'POST',
      body: JSON.stringify({ uploadId }),
    });
    expect(res.status).toBe(200);
    expect(await ossError(client.uploadPart(grant.key, uploadId, 2, partFile, 0, 10))).toMatchObject({
      code: 'NoSuchUpload',
      status: 404,
    });
  });

  it('HEAD of a missing object → 404 NoSuchKey, carried in x-oss-err since HEAD has no body', async () => {
    emu.setFaults({ uploadPolicy: 'broad' });
    const grant = await videoGrant(emu.config);
    expect(await ossError(ossClient(grant).head(grant.key))).toMatchObject({
      code: 'NoSuchKey',
      status: 404,
    });
    const url = objectUrl(emu.config.ossEndpoint, grant.bucket, grant.key, {});
    const raw = await ossRequest(emu.config, url, { method: 'HEAD' });
    expect(raw.status).toBe(403);
    expect(raw.headers['x-oss-request-id']).toMatch(/^[0-9A-F]{24}$/);
    const xml = Buffer.from(String(raw.headers['x-oss-err']), 'base64').toString('utf8');
    expect(xml).toContain('<Code>AccessDenied</Code>');
  });

  it('error bodies are XML with Code, Message, RequestId, HostId (the Host used), EC and RecommendDoc', async () => {
    const grant = await videoGrant(emu.config);
    const url = objectUrl(emu.config.ossEndpoint, grant.bucket, grant.key, {});
    const raw = await ossRequest(emu.config, url);
    const xml = raw.body;
    expect(raw.status).toBe(403);
    expect(raw.headers['content-type']).toBe('application/xml');
    for (const element of ['Code', 'Message', 'RequestId', 'HostId', 'EC', 'RecommendDoc']) {
      expect(xml).toContain(`<${element}>`);
    }
    expect(xml).toContain(`<RequestId>${String(raw.headers['x-oss-request-id'])}</RequestId>`);
    // The bucket's own host name, as the request used it (virtual-hosted by default).
    expect(xml).toContain(`<HostId>${grant.bucket}.oss-cn-shanghai.localhost</HostId>`);
    const ec = String(raw.headers['x-oss-ec']);
    expect(ec).toMatch(/^\d{4}-\d{8}$/);
    expect(xml).toContain(`<EC>${ec}</EC>`);
    expect(xml).toContain(`<RecommendDoc>https://api.aliyun.com/troubleshoot?q=${ec}</RecommendDoc>`);
  });

  it('documented ECs: MalformedXML 0031-00000001, NoSuchUpload 0017-00000244, V4 mismatch 0002-00000201', async () => {
    const { grant, client, uploadId } = await uploadWithParts([10]);
    const malformed = (await ossError(
      rawComplete(client, grant.key, uploadId, '<CompleteMultipartUpload><Part>'),
    )) as { ecCode?: string };
    expect(malformed.ecCode).toBe('0031-00000001');
    await client.abortMultipartUpload(grant.key, uploadId);
    const gone = (await ossError(client.uploadPart(grant.key, uploadId, 1, partFile, 0, 10))) as {
      ecCode?: string;
    };
    expect(gone.ecCode).toBe('0017-00000244');
    const wrongSecret = ossClient({ ...grant, accessKeySecret: 'wrong' });
    expect(
      ((await ossError(wrongSecret.put(grant.key, Buffer.from('x')))) as { ecCode?: string }).ecCode,
    ).toBe('0002-00000201');
  });

  it('--error-rate answers OSS requests 500 InternalError or 503 ServiceUnavailable', async () => {
    const grant = await videoGrant(emu.config);
    emu.setFaults({ errorRate: 1 });
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const err = await ossError(ossClient(grant).put(grant.key, Buffer.from('x')));
      seen.add(`${err.status} ${err.code}`);
    }
    expect(seen).toEqual(new Set(['500 InternalError', '503 ServiceUnavailable']));
  });
});
