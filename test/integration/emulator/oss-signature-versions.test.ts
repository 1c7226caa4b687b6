import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OssError } from '../../../electron/core/oss/oss-error';
import { signV4 } from '../../../electron/core/oss/oss-signer-v4';
import { objectUrl } from '../../../electron/core/oss/oss-url';
import { type EmulatorConfig, type RunningEmulator, startEmulator } from '../../emulator';
import { ossRequest } from '../../helpers/emulator-trust';
import { engineOssClient, type Grant, ossClient, ossError, videoGrant } from './oss-client';

/**
 * OSS closed signature V1 to new accounts (2025-03-01) and new buckets (2025-09-01): the emulator refuses it
 * unless told otherwise (allowV1 / --allow-v1), and checks V4 exactly.
 */
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ transcodeDelay: 10 });
});
afterEach(() => {
  emu.setFaults({ allowV1: false });
});
afterAll(async () => {
  await emu.stop();
});

async function refusal(promise: Promise<unknown>): Promise<OssError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OssError);
  return error as OssError;
}

describe('signature V1', () => {
  it('is refused by default: 403 AccessDenied, EC 0002-00000080, nothing stored', async () => {
    const grant = await videoGrant(emu.config);
    const error = await refusal(engineOssClient(grant, 'v1').putObject(grant.key, Buffer.from('hello')));
    expect(error).toMatchObject({ code: 'AccessDenied', status: 403 });
    expect(error.detail['EC']).toBe('0002-00000080');
    expect(error.message).toMatch(/V1 signature/);
    // ali-oss's default (V1) meets the same answer.
    const aliOss = ossClient(grant, { authorizationV4: false });
    expect(await ossError(aliOss.put(grant.key, Buffer.from('hello')))).toMatchObject({
      code: 'AccessDenied',
      status: 403,
    });
    expect(emu.state().objects.filter((o) => o.key === grant.key)).toEqual([]);
  });

  it('is accepted with allowV1 (the legacy case), and V4 still is', async () => {
    emu.setFaults({ allowV1: true });
    const grant = await videoGrant(emu.config);
    await engineOssClient(grant, 'v1').putObject(grant.key, Buffer.from('legacy'));
    const other = await videoGrant(emu.config);
    await engineOssClient(other, 'v4').putObject(other.key, Buffer.from('current'));
    const keys = emu.state().objects.map((o) => o.key);
    expect(keys).toEqual(expect.arrayContaining([grant.key, other.key]));
  });
});

/** A raw request signed with the engine's V4 signer, then optionally tampered with before it is sent. */
async function rawV4(
  grant: Grant,
  options: {
    method?: string;
    query?: Record<string, string | null>;
    headers?: Record<string, string>;
    additionalHeaders?: string[];
    body?: string;
    tamper?: (headers: Record<string, string>, query: Record<string, string | null>) => void;
  },
): Promise<{ status: number; body: string }> {
  const method = options.method ?? 'PUT';
  const query = { ...options.query };
  const body = Buffer.from(options.body ?? 'x');
  const { headers } = signV4({
    method,
    bucket: grant.bucket,
    key: grant.key,
    query,
    headers: { 'content-type': 'video/mp4', ...options.headers },
    additionalHeaders: options.additionalHeaders,
    accessKeyId: grant.accessKeyId,
    accessKeySecret: grant.accessKeySecret,
    securityToken: grant.securityToken,
    region: grant.region,
    date: new Date(),
  });
  options.tamper?.(headers, query);
  const url = objectUrl(grant.endpoint, grant.bucket, grant.key, query);
  return ossRequest(grant, url, { method, headers: { ...headers, 'content-length': body.length }, body });
}

function code(body: string): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
}

describe('signature V4 is checked exactly', () => {
  it('accepts a request as signed, with an additional header and extra query parameters', async () => {
    const grant = await videoGrant(emu.config);
    const answer = await rawV4(grant, {
      headers: { 'content-disposition': 'attachment', 'x-oss-meta-title': ' My title ' },
      additionalHeaders: ['content-disposition'],
    });
    expect(answer).toMatchObject({ status: 200 });
    const initiated = await rawV4(grant, {
      method: 'POST',
      query: { uploads: null, 'encoding-type': 'url' },
      body: '',
    });
    expect(initiated.status).toBe(200);
  });

  it('an additional header changed after signing → 403 SignatureDoesNotMatch', async () => {
    const grant = await videoGrant(emu.config);
    const answer = await rawV4(grant, {
      headers: { 'content-disposition': 'attachment' },
      additionalHeaders: ['content-disposition'],
      tamper: (h) => (h['content-disposition'] = 'inline'),
    });
    expect(answer.status).toBe(403);
    expect(code(answer.body)).toBe('SignatureDoesNotMatch');
    expect(answer.body).toContain('<CanonicalRequest>');
  });

  it('a query parameter added or changed after signing → 403 SignatureDoesNotMatch', async () => {
    const grant = await videoGrant(emu.config);
    const added = await rawV4(grant, {
      method: 'POST',
      query: { uploads: null },
      body: '',
      tamper: (_h, q) => (q['encoding-type'] = 'url'),
    });
    expect(code(added.body)).toBe('SignatureDoesNotMatch');
    const changed = await rawV4(grant, {
      method: 'POST',
      query: { uploads: null, 'encoding-type': 'url' },
      body: '',
      tamper: (_h, q) => (q['encoding-type'] = 'URL'),
    });
    expect(code(changed.body)).toBe('SignatureDoesNotMatch');
  });

  it('an x-oss-* header changed after signing → 403 SignatureDoesNotMatch', async () => {
    const grant = await videoGrant(emu.config);
    const answer = await rawV4(grant, {
      headers: { 'x-oss-meta-title': 'a' },
      tamper: (h) => (h['x-oss-meta-title'] = 'b'),
    });
    expect(code(answer.body)).toBe('SignatureDoesNotMatch');
  });

  it('AdditionalHeaders not lower-case and sorted → 400 InvalidArgument', async () => {
    const grant = await videoGrant(emu.config);
    const answer = await rawV4(grant, {
      headers: { 'content-disposition': 'attachment', 'cache-control': 'no-cache' },
      additionalHeaders: ['cache-control', 'content-disposition'],
      tamper: (h) =>
        (h['authorization'] = h['authorization']!.replace(
          'AdditionalHeaders=cache-control;content-disposition',
          'AdditionalHeaders=content-disposition;cache-control',
        )),
    });
    expect(answer.status).toBe(400);
    expect(code(answer.body)).toBe('InvalidArgument');
  });

  it('without x-oss-content-sha256: UNSIGNED-PAYLOAD → 400 InvalidArgument', async () => {
    const grant = await videoGrant(emu.config);
    const answer = await rawV4(grant, { tamper: (h) => delete h['x-oss-content-sha256'] });
    expect(answer.status).toBe(400);
    expect(code(answer.body)).toBe('InvalidArgument');
  });
});

describe('npm run emulator -- --allow-v1', () => {
  async function startCli(args: string[]): Promise<{ config: EmulatorConfig; stop: () => void }> {
    const child = spawn('npm', ['run', '--silent', 'emulator', '--', '--port', '0', '--sink', ...args], {
      cwd: process.cwd(),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no JSON line within 30 s')), 30_000);
      createInterface({ input: child.stdout! }).once('line', (l) => {
        clearTimeout(timer);
        resolve(l);
      });
      child.once('exit', (c) => reject(new Error(`emulator exited early with ${c}`)));
    });
    return { config: JSON.parse(line) as EmulatorConfig, stop: () => process.kill(-child.pid!, 'SIGTERM') };
  }

  it('accepts V1 only when started with --allow-v1', async () => {
    for (const [args, accepted] of [
      [['--allow-v1'], true],
      [[], false],
    ] as const) {
      const cli = await startCli([...args]);
      try {
        const grant = await videoGrant(cli.config);
        const put = engineOssClient(grant, 'v1').putObject(grant.key, Buffer.from('legacy'));
        if (accepted) await put;
        else expect((await refusal(put)).detail['EC']).toBe('0002-00000080');
        const faults = (await (await fetch(`${cli.config.vodEndpoint}/__emulator/faults`)).json()) as {
          allowV1: boolean;
        };
        expect(faults.allowV1).toBe(accepted);
      } finally {
        cli.stop();
      }
    }
  }, 90_000);
});
