import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * OSS endpoints are https, so behind a proxy every part goes through an HTTP CONNECT tunnel. A real TLS
 * server (self-signed for localhost, made with openssl) behind a real CONNECT proxy, and the engine's
 * transport in a child process that trusts that certificate.
 */
const dir = mkdtempSync(join(tmpdir(), 'vod-tunnel-'));
let upstream: https.Server;
let proxy: http.Server;
const connects: string[] = [];
const received: number[] = [];

beforeAll(async () => {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  upstream = https.createServer(
    { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
    (req, res) => {
      let n = 0;
      req.on('data', (chunk: Buffer) => (n += chunk.length));
      req.on('end', () => {
        received.push(n);
        res.end(`got ${n}`);
      });
    },
  );
  proxy = http.createServer((_req, res) => {
    res.statusCode = 405;
    res.end();
  });
  proxy.on('connect', (req, socket, head) => {
    connects.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    // The upstream listens on IPv4 loopback; 'localhost' may resolve to ::1 first.
    const target = net.connect(Number(port), host === 'localhost' ? '127.0.0.1' : host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      target.write(head);
      target.pipe(socket);
      socket.pipe(target);
    });
    target.on('error', () => socket.destroy());
    socket.on('error', () => target.destroy());
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
});

afterAll(async () => {
  await new Promise((r) => upstream?.close(r));
  await new Promise((r) => proxy?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('https uploads through a CONNECT proxy', () => {
  it('sends concurrent part bodies intact through the tunnel, TLS end to end', async () => {
    const upstreamPort = (upstream.address() as net.AddressInfo).port;
    const proxyPort = (proxy.address() as net.AddressInfo).port;
    // Asynchronous: the servers answering the child live in this process's event loop.
    const child = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const run = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(__dirname, 'fixtures', 'put-through-proxy.ts'),
          `http://127.0.0.1:${proxyPort}`,
          // A host name, as OSS endpoints are (https-proxy-agent sends no SNI for a bare IP).
          `https://localhost:${upstreamPort}/bucket/key`,
        ],
        { env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem') } },
      );
      let stdout = '';
      let stderr = '';
      run.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      run.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      run.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    expect(child.status, child.stderr).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual(Array(4).fill(`200 got ${256 * 1024}`));
    expect(received).toEqual(Array(4).fill(256 * 1024));
    expect(connects.length).toBeGreaterThan(0);
    expect(connects.every((c) => c === `localhost:${upstreamPort}`)).toBe(true);
  });
});
