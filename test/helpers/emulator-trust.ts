import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { loopbackLookup } from '../../electron/core/net/loopback-lookup';
import type { EmulatorConfig } from '../emulator/index';

/**
 * What a client needs to reach the emulator's OSS in its default mode (HTTPS with a throwaway certificate,
 * the bucket in the host name under `localhost`): trust the certificate, resolve `*.localhost` to loopback.
 */
type WithCa = Pick<EmulatorConfig, 'ossCaFile'>;

export function ossCa(config: WithCa): string | undefined {
  return config.ossCaFile ? readFileSync(config.ossCaFile, 'utf8') : undefined;
}

/** For createEngine / createAppServices({ engine }): the engine's own option. */
export function engineTrust(config: WithCa): { extraCaCertificates?: string[] } {
  const ca = ossCa(config);
  return ca ? { extraCaCertificates: [ca] } : {};
}

/** For a child process (the CLI): Node's own NODE_EXTRA_CA_CERTS, read at its start. */
export function cliTrustEnv(config: WithCa): Record<string, string> {
  return config.ossCaFile ? { NODE_EXTRA_CA_CERTS: config.ossCaFile } : {};
}

/** An agent for hand-made requests and ali-oss (`agent` / `httpsAgent`): the certificate and the lookup. */
export function ossAgent(config: WithCa): https.Agent {
  const ca = ossCa(config);
  return new https.Agent({ lookup: loopbackLookup, ...(ca ? { ca } : {}) });
}

export function plainAgent(): http.Agent {
  return new http.Agent({ lookup: loopbackLookup });
}

/** One request to an emulator URL (fetch cannot take the certificate or the lookup). */
export function ossRequest(
  config: WithCa,
  url: string | URL,
  init: { method?: string; headers?: Record<string, string | number>; body?: Buffer | string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const send = secure ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = send(target, {
      method: init.method ?? 'GET',
      headers: init.headers ?? {},
      agent: secure ? ossAgent(config) : plainAgent(),
      // TLS names the URL's host even when a test sends another Host header.
      ...(secure ? { servername: target.hostname } : {}),
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end(init.body);
  });
}
