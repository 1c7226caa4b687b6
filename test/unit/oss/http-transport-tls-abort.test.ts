import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHttpAgents, sendRequest } from '../../../electron/core/oss/http-transport';
import { makeThrowawayCertificate, type ThrowawayCertificate } from '../../emulator/tls';

/**
 * Aborting or stalling a request on a TLS socket (every real OSS endpoint is https) must settle it: Node's
 * resetAndDestroy throws on a TLS socket, which used to escape from the abort handler (the CLI crashed on
 * Ctrl-C) and left the request's promise pending.
 */
let certificate: ThrowawayCertificate;
let server: https.Server;
let url: URL;

beforeAll(async () => {
  certificate = makeThrowawayCertificate('cn-shanghai');
  // Reads nothing and never answers: the body stays in the client's send buffer.
  server = https.createServer({ key: certificate.key, cert: certificate.cert }, (req) => req.pause());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = new URL(`https://oss-cn-shanghai.localhost:${(server.address() as AddressInfo).port}/k`);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  certificate.remove();
});

function agents() {
  return createHttpAgents(2, undefined, { extraCaCertificates: [certificate.cert.toString('utf8')] });
}

it('an abort mid-body rejects with AbortError, and nothing escapes', async () => {
  const controller = new AbortController();
  const a = agents();
  const sent = sendRequest({
    url,
    method: 'PUT',
    headers: {},
    body: new Uint8Array(8 * 1024 * 1024),
    signal: controller.signal,
    agents: a,
    idleTimeoutMs: 30_000,
  });
  setTimeout(() => controller.abort(), 300);
  await expect(sent).rejects.toMatchObject({ name: 'AbortError' });
  a.destroy();
});

it('a stalled request rejects as RequestStalled', async () => {
  const a = agents();
  const sent = sendRequest({ url, method: 'GET', headers: {}, agents: a, idleTimeoutMs: 300 });
  await expect(sent).rejects.toMatchObject({ code: 'RequestStalled' });
  a.destroy();
});
