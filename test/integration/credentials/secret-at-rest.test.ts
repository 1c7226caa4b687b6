import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthService, type RunningAuthService } from '../../auth-service';
import { DEFAULT_ROLE_ARN, startEmulator, type RunningEmulator } from '../../emulator';
import { createStack, jobRequest, type Stack } from './harness';

/**
 * A known secret goes through the whole path (profile save → secret store → VOD calls, failures included →
 * logs), then the database file, its WAL and every log file are searched byte for byte.
 */
let emu: RunningEmulator;
let auth: RunningAuthService;
let stack: Stack;

beforeAll(async () => {
  emu = await startEmulator({ seed: 7, transcodeDelay: 0 });
});

afterAll(async () => {
  stack?.close();
  await auth?.stop();
  await emu?.stop();
});

function encodings(secret: string): Buffer[] {
  return [
    Buffer.from(secret, 'utf8'),
    Buffer.from(secret, 'utf16le'),
    Buffer.from(encodeURIComponent(secret), 'utf8'),
    Buffer.from(Buffer.from(secret).toString('base64'), 'utf8'),
  ];
}

describe('secrets at rest', () => {
  it('never appear in the database, its WAL, or any log file', async () => {
    const user = emu.addUser();
    const bearer = 'Bearer-Secret-Known-Value-7f3a9c';
    auth = await startAuthService({ ...emu.config, ...user, bearerToken: bearer });
    stack = createStack();
    const secrets = [user.accessKeySecret, bearer];
    const base = {
      region: emu.config.regionId,
      endpoint: emu.config.vodEndpoint,
      defaults: { titleTemplate: '{name}', tags: [] },
    };

    const ak = await stack.profiles.save({
      ...base,
      name: 'ak',
      credential: { kind: 'access-key', ...user },
    });
    const role = await stack.profiles.save({
      ...base,
      name: 'role',
      credential: {
        kind: 'sts',
        mode: 'assume-role',
        ...user,
        roleArn: DEFAULT_ROLE_ARN,
        stsEndpoint: emu.config.vodEndpoint,
      },
    });
    const svc = await stack.profiles.save({
      ...base,
      endpoint: undefined,
      name: 'svc',
      credential: { kind: 'auth-service', url: auth.url, bearerToken: bearer },
    });
    for (const summary of [ak, role, svc, ...(await stack.profiles.list())]) {
      for (const secret of secrets) expect(JSON.stringify(summary)).not.toContain(secret);
    }

    for (const profile of [ak, role, svc]) {
      expect((await stack.profiles.test({ id: profile.id })).verdict).toBe('ok');
      const video = await stack.credentials.acquire(jobRequest(profile.id, 'video'));
      const refreshed = await stack.credentials.refresh(
        jobRequest(profile.id, 'video', video.target.mediaId),
        'expiring',
      );
      const image = await stack.credentials.acquire(jobRequest(profile.id, 'image'));
      // The upload credentials VOD issued are secrets too.
      secrets.push(video.credential.accessKeySecret, video.credential.securityToken);
      secrets.push(refreshed.credential.securityToken, image.credential.accessKeySecret);
      // Persisting the media ID and UploadAddress as the engine does (the UploadAuth is never stored).
      stack.queue.db
        .prepare('INSERT INTO settings (key, value) VALUES (?, ?)')
        .run(
          `probe-${profile.id}`,
          JSON.stringify({ mediaId: video.target.mediaId, uploadAddress: video.uploadAddress }),
        );
    }
    const runtime = await stack.profiles.runtime(role.id);
    const assumed = await runtime.callerCredentials!.get();
    secrets.push(assumed.accessKeySecret, assumed.securityToken!);

    // Failures log too: throttling retries, a refused call, a wrong key.
    emu.setFaults({ throttleRate: 1 });
    stack.onRetry = () => emu.setFaults({ throttleRate: 0 });
    await stack.credentials.acquire(jobRequest(ak.id, 'attached'));
    stack.onRetry = () => undefined;
    await expect(
      stack.credentials.refresh(jobRequest(ak.id, 'video', 'f'.repeat(32)), 'resume'),
    ).rejects.toThrow();
    // A stray secret inside a message and a field must be masked by value.
    stack.logger.error(`oops, someone logged ${user.accessKeySecret} and ${bearer}`, {
      detail: { nested: [`token=${assumed.securityToken}`] },
      headers: { Authorization: `Bearer ${bearer}` },
    });

    // Read the WAL before closing (closing checkpoints it away).
    const wal = `${stack.dbFile}-wal`;
    const files: Array<[string, Buffer]> = [];
    expect(existsSync(wal)).toBe(true);
    files.push([wal, readFileSync(wal)]);
    stack.close();
    files.push([stack.dbFile, readFileSync(stack.dbFile)]);
    const logFiles = readdirSync(stack.logDir).map((name) => join(stack.logDir, name));
    expect(logFiles.length).toBeGreaterThan(1); // rotation happened: every file is searched
    for (const file of logFiles) files.push([file, readFileSync(file)]);

    // The search can fail: the media IDs we persisted are found, as are the logged request lines.
    expect(files.some(([, bytes]) => bytes.includes(Buffer.from('probe-')))).toBe(true);
    expect(files.some(([, bytes]) => bytes.includes(Buffer.from('[REDACTED]')))).toBe(true);
    for (const [file, bytes] of files) {
      for (const secret of secrets) {
        for (const encoded of encodings(secret)) {
          expect(bytes.includes(encoded), `${file} contains a secret`).toBe(false);
        }
      }
    }
  });
});
