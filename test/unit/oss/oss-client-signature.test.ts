import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OssClient, type OssClientOptions } from '../../../electron/core/oss/oss-client';
import { OssError } from '../../../electron/core/oss/oss-error';

/** Which signature the engine's client puts on each operation it sends, seen by a plain HTTP server. */
let server: http.Server | undefined;
const seen: { method: string; url: string; headers: http.IncomingHttpHeaders }[] = [];

afterEach(async () => {
  seen.length = 0;
  const running = server;
  server = undefined;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((r) => running.close(r));
});

async function listen(): Promise<string> {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      const url = req.url ?? '';
      if (req.method === 'POST' && url.includes('uploads')) {
        res.end('<InitiateMultipartUploadResult><UploadId>U1</UploadId></InitiateMultipartUploadResult>');
      } else if (req.method === 'GET') {
        res.end('<ListPartsResult><IsTruncated>false</IsTruncated></ListPartsResult>');
      } else if (req.method === 'DELETE') {
        res.writeHead(204).end();
      } else {
        res.writeHead(200, { etag: '"E"', 'content-length': req.method === 'HEAD' ? '5' : '0' }).end();
      }
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

function client(endpoint: string, options: Partial<OssClientOptions> = {}): OssClient {
  return new OssClient({
    endpoint,
    bucket: 'outin-b',
    credentials: () => ({ accessKeyId: 'STS.id', accessKeySecret: 'secret', securityToken: 'TOKEN' }),
    ...options,
  });
}

async function everyOperation(c: OssClient): Promise<void> {
  await c.putObject('sv/视频 a+b.mp4', Buffer.from('hello'));
  const uploadId = await c.initiateMultipartUpload('sv/k.mp4');
  await c.uploadPart('sv/k.mp4', uploadId, 1, Buffer.from('x'));
  await c.listParts('sv/k.mp4', uploadId);
  await c.completeMultipartUpload('sv/k.mp4', uploadId, [{ partNumber: 1, etag: '"E"' }]);
  await c.abortMultipartUpload('sv/k.mp4', uploadId);
  await c.headObject('sv/k.mp4');
}

describe('the engine’s OSS client signs every operation', () => {
  it('with V4 by default: x-oss-date, UNSIGNED-PAYLOAD, the token, the UploadAuth region', async () => {
    await everyOperation(client(await listen(), { region: 'cn-shanghai' }));
    expect(seen.map((r) => r.method)).toEqual(['PUT', 'POST', 'PUT', 'GET', 'POST', 'DELETE', 'HEAD']);
    for (const request of seen) {
      expect(request.headers.authorization).toMatch(
        /^OSS4-HMAC-SHA256 Credential=STS\.id\/\d{8}\/cn-shanghai\/oss\/aliyun_v4_request,Signature=[0-9a-f]{64}$/,
      );
      expect(request.headers['x-oss-date']).toMatch(/^\d{8}T\d{6}Z$/);
      expect(request.headers['x-oss-content-sha256']).toBe('UNSIGNED-PAYLOAD');
      expect(request.headers['x-oss-security-token']).toBe('TOKEN');
      expect(request.headers.date).toBeUndefined();
    }
  });

  it('refuses to send anything when neither UploadAuth nor the endpoint gives a region', async () => {
    const c = client(await listen());
    const error = await c.putObject('k', Buffer.from('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OssError);
    expect((error as OssError).code).toBe('OssRegionUnknown');
    expect(seen).toHaveLength(0);
  });

  it('with V1 only when the legacy setting asks for it', async () => {
    await everyOperation(client(await listen(), { signatureVersion: 'v1' }));
    expect(seen).toHaveLength(7);
    for (const request of seen) {
      expect(request.headers.authorization).toMatch(/^OSS STS\.id:[A-Za-z0-9+/]+=*$/);
      expect(request.headers.date).toMatch(/GMT$/);
      expect(request.headers['x-oss-date']).toBeUndefined();
    }
  });
});
