import https from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createHttpAgents, sendRequest } from '../../../electron/core/oss/http-transport';
import { makeThrowawayCertificate, type ThrowawayCertificate } from '../../emulator/tls';

/**
 * A trusted extra certificate (a local OSS stand-in's, a company's TLS-inspecting proxy) must not cost a TLS
 * context per connection: given as `ca`, every new connection parsed the whole root store again on the main
 * thread, and the agent keyed each request by its text.
 */
let certificate: ThrowawayCertificate;
let server: https.Server;
let url: URL;

beforeAll(async () => {
  certificate = makeThrowawayCertificate('cn-shanghai');
  // Closes every connection after its answer: each request opens a new TLS connection.
  server = https.createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { connection: 'close' }).end('ok'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = new URL(`https://oss-cn-shanghai.localhost:${(server.address() as AddressInfo).port}/k`);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  certificate.remove();
});

it('builds one TLS context for the extra certificates, not one per connection', async () => {
  const agents = createHttpAgents(4, undefined, { extraCaCertificates: [certificate.cert.toString('utf8')] });
  const contexts = vi.spyOn(tls, 'createSecureContext');
  try {
    for (let i = 0; i < 5; i++) {
      const answer = await sendRequest({
        url,
        method: 'PUT',
        headers: {},
        body: new Uint8Array(1024),
        agents,
        idleTimeoutMs: 30_000,
      });
      // The extra certificate is trusted: the self-signed server is reached.
      expect(answer.status).toBe(200);
    }
    expect(contexts).not.toHaveBeenCalled();
  } finally {
    contexts.mockRestore();
    agents.destroy();
  }
});
