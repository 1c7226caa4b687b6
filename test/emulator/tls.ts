import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ThrowawayCertificate {
  readonly key: Buffer;
  readonly cert: Buffer;
  /** The certificate as a PEM file: what a client trusts (NODE_EXTRA_CA_CERTS, or the engine's extra CA). */
  readonly certFile: string;
  remove(): void;
}

/** The host names OSS endpoints of a region take here: `oss-<region>.localhost` and its bucket sub-domains. */
export function localOssHost(regionId: string): string {
  return `oss-${regionId}.localhost`;
}

/**
 * A self-signed certificate made at start (openssl, EC P-256, valid two days) for the OSS endpoint, its
 * bucket sub-domains and the loopback address. Nothing is installed anywhere: a client trusts it explicitly.
 */
export function makeThrowawayCertificate(regionId: string): ThrowawayCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'vod-emulator-tls-'));
  const host = localOssHost(regionId);
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${host}`,
      '-addext',
      `subjectAltName=DNS:${host},DNS:*.${host},DNS:localhost,IP:127.0.0.1`,
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return {
    key: readFileSync(keyFile),
    cert: readFileSync(certFile),
    certFile,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
