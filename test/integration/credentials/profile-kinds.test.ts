import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileCredentialInput, ProfileInput } from '../../../shared/domain/profile';
import { Redactor } from '../../../electron/core/log/redactor';
import { resolveVodEndpoint } from '../../../electron/core/vod/endpoints';
import { AssumeRoleSource } from '../../../electron/core/vod/sts-assume-role';
import { startAuthService, type RunningAuthService } from '../../auth-service';
import { DEFAULT_ROLE_ARN, startEmulator, type RunningEmulator } from '../../emulator';
import { createStack, delay, jobRequest, type Stack } from './harness';

type Kind = 'access-key' | 'sts-assume-role' | 'sts-temporary' | 'auth-service';
const KINDS: Kind[] = ['access-key', 'sts-assume-role', 'sts-temporary', 'auth-service'];
const BEARER = 'bearer-token-for-tests-0123456789';

let emu: RunningEmulator;
let auth: RunningAuthService;
let stack: Stack;
let pasted: { accessKeyId: string; accessKeySecret: string; securityToken: string; expiration: string };

beforeAll(async () => {
  emu = await startEmulator({ seed: 42, transcodeDelay: 0 });
  auth = await startAuthService({ ...emu.config, bearerToken: BEARER });
  stack = createStack({ marginMs: 1_000 });
  // "Pasted" temporary credentials, as someone would copy them from their own STS call.
  const source = new AssumeRoleSource({
    ...emu.config,
    roleArn: DEFAULT_ROLE_ARN,
    stsEndpoint: emu.config.vodEndpoint,
    redactor: new Redactor(),
  });
  const c = await source.get();
  pasted = {
    accessKeyId: c.accessKeyId,
    accessKeySecret: c.accessKeySecret,
    securityToken: c.securityToken!,
    expiration: new Date(c.expiresAt!).toISOString(),
  };
});

afterAll(async () => {
  stack?.close();
  await auth?.stop();
  await emu?.stop();
});

function credentialFor(kind: Kind, wrong = false): ProfileCredentialInput {
  const secret = wrong ? 'definitely-not-the-secret' : emu.config.accessKeySecret;
  switch (kind) {
    case 'access-key':
      return { kind: 'access-key', accessKeyId: emu.config.accessKeyId, accessKeySecret: secret };
    case 'sts-assume-role':
      return {
        kind: 'sts',
        mode: 'assume-role',
        accessKeyId: emu.config.accessKeyId,
        accessKeySecret: secret,
        roleArn: DEFAULT_ROLE_ARN,
        stsEndpoint: emu.config.vodEndpoint,
      };
    case 'sts-temporary':
      return {
        kind: 'sts',
        mode: 'temporary',
        accessKeyId: pasted.accessKeyId,
        accessKeySecret: wrong ? 'definitely-not-the-secret' : pasted.accessKeySecret,
        securityToken: pasted.securityToken,
        expiration: pasted.expiration,
      };
    case 'auth-service':
      return { kind: 'auth-service', url: auth.url, bearerToken: wrong ? 'wrong-bearer-token-xyz' : BEARER };
  }
}

function profileInput(kind: Kind, name: string, wrong = false): ProfileInput {
  return {
    name,
    region: emu.config.regionId,
    endpoint: kind === 'auth-service' ? undefined : emu.config.vodEndpoint,
    defaults: { titleTemplate: '{name}', tags: [] },
    credential: credentialFor(kind, wrong),
  };
}

const calls = (action: string) => emu.state().calls[action] ?? 0;

describe.each(KINDS)('%s profile against the emulator', (kind) => {
  let profileId: string;

  beforeAll(async () => {
    profileId = (await stack.profiles.save(profileInput(kind, `good ${kind}`))).id;
  });

  it('passes "Test connection"', async () => {
    expect(await stack.profiles.test({ id: profileId })).toMatchObject({ verdict: 'ok' });
  });

  it('creates a video and refreshes it keeping VideoId and object key', async () => {
    const grant = await stack.credentials.acquire(jobRequest(profileId, 'video'));
    expect(grant.target).toMatchObject({ kind: 'video', bucket: emu.bucket });
    expect(grant.target.endpoint).toBe(emu.config.ossEndpoint);
    expect(emu.state().media.find((m) => m.mediaId === grant.target.mediaId)).toMatchObject({
      kind: 'video',
    });
    const refreshed = await stack.credentials.refresh(
      jobRequest(profileId, 'video', grant.target.mediaId),
      'expiring',
    );
    expect(refreshed.target.mediaId).toBe(grant.target.mediaId);
    expect(refreshed.target.objectKey).toBe(grant.target.objectKey);
    expect(refreshed.credential.accessKeyId).not.toBe(grant.credential.accessKeyId);
  });

  it('re-creates an image (new ImageId) and an attached media on refresh', async () => {
    const image = await stack.credentials.acquire(jobRequest(profileId, 'image'));
    const again = await stack.credentials.refresh(
      jobRequest(profileId, 'image', image.target.mediaId),
      'auth-error',
    );
    expect(again.target.mediaId).not.toBe(image.target.mediaId);
    expect(again.target.objectKey).not.toBe(image.target.objectKey);
    const attached = await stack.credentials.acquire(jobRequest(profileId, 'attached'));
    expect(emu.state().media.find((m) => m.mediaId === attached.target.mediaId)).toBeDefined();
  });

  it('expires mid-way with a short STS TTL and refreshes ahead of expiry', async () => {
    emu.setFaults({ stsTtl: 2 });
    try {
      const grant = await stack.credentials.acquire(jobRequest(profileId, 'video'));
      const left = grant.credential.expiresAt - Date.now();
      expect(left).toBeGreaterThan(500);
      expect(left).toBeLessThanOrEqual(2_500);
      expect(stack.credentials.needsRefresh(grant)).toBe(false);
      while (!stack.credentials.needsRefresh(grant)) await delay(100);
      const fresh = await stack.credentials.refresh(
        jobRequest(profileId, 'video', grant.target.mediaId),
        'expiring',
      );
      expect(fresh.target.mediaId).toBe(grant.target.mediaId);
      expect(fresh.credential.expiresAt).toBeGreaterThan(grant.credential.expiresAt);
    } finally {
      emu.setFaults({ stsTtl: 3000 });
    }
  });

  it('retries Throttling and then succeeds', async () => {
    const before = calls('CreateUploadVideo');
    emu.setFaults({ throttleRate: 1 });
    stack.onRetry = () => emu.setFaults({ throttleRate: 0 });
    try {
      const grant = await stack.credentials.acquire(jobRequest(profileId, 'video'));
      expect(grant.target.mediaId).toBeTruthy();
    } finally {
      stack.onRetry = () => undefined;
      emu.setFaults({ throttleRate: 0 });
    }
    expect(calls('CreateUploadVideo') - before).toBe(2);
  });

  it('gives up after the attempt limit when throttling persists', async () => {
    const before = calls('CreateUploadVideo');
    emu.setFaults({ throttleRate: 1 });
    try {
      await expect(stack.credentials.acquire(jobRequest(profileId, 'video'))).rejects.toMatchObject({
        code: 'Throttling',
        attempts: 4,
      });
    } finally {
      emu.setFaults({ throttleRate: 0 });
    }
    expect(calls('CreateUploadVideo') - before).toBe(4);
  });

  it('does not retry InvalidVideo.NotFound', async () => {
    const before = calls('RefreshUploadVideo');
    await expect(
      stack.credentials.refresh(jobRequest(profileId, 'video', 'ffffffffffffffffffffffffffffffff'), 'resume'),
    ).rejects.toMatchObject({ code: 'InvalidVideo.NotFound', httpStatus: 404 });
    expect(calls('RefreshUploadVideo') - before).toBe(1);
  });

  it('reports a wrong secret clearly, without retrying', async () => {
    const bad = await stack.profiles.save(profileInput(kind, `bad ${kind}`, true));
    const verdict = await stack.profiles.test({ id: bad.id });
    expect(verdict.verdict).toBe('wrong-key');
    const action = kind === 'sts-assume-role' ? 'AssumeRole' : 'CreateUploadVideo';
    const before = calls(action);
    const expected = kind === 'auth-service' ? 'Unauthorized' : 'SignatureDoesNotMatch';
    await expect(stack.credentials.acquire(jobRequest(bad.id, 'video'))).rejects.toMatchObject({
      code: expected,
    });
    expect(calls(action) - before).toBe(kind === 'auth-service' ? 0 : 1);
  });
});

describe('assume-role credentials', () => {
  it('are renewed when they expire mid-way', async () => {
    const saved = await stack.profiles.save(profileInput('sts-assume-role', 'assume-role renew'));
    await stack.credentials.acquire(jobRequest(saved.id, 'video'));
    const runtime = await stack.profiles.runtime(saved.id);
    const first = await runtime.callerCredentials!.get();
    const assumed = calls('AssumeRole');
    expect(emu.expireCredential(first.accessKeyId)).toBe(true);
    const grant = await stack.credentials.acquire(jobRequest(saved.id, 'image'));
    expect(grant.target.mediaId).toBeTruthy();
    expect(calls('AssumeRole') - assumed).toBe(1);
    expect((await runtime.callerCredentials!.get()).accessKeyId).not.toBe(first.accessKeyId);
  });
});

describe('Test connection verdicts', () => {
  it('no permission: a RAM user without VOD upload rights', async () => {
    const user = emu.addUser({ allowUpload: false });
    const input = profileInput('access-key', 'no permission');
    const verdict = await stack.profiles.test({
      profile: { ...input, credential: { kind: 'access-key', ...user } },
    });
    expect(verdict).toMatchObject({ verdict: 'no-permission', message: expect.stringMatching(/permission/) });
    const saved = await stack.profiles.save({ ...input, credential: { kind: 'access-key', ...user } });
    await expect(stack.credentials.acquire(jobRequest(saved.id, 'video'))).rejects.toMatchObject({
      code: 'Forbidden.RAM',
    });
    // Nothing was created by the test itself.
    expect(emu.state().media.filter((m) => m.mediaId === '00000000000000000000000000000000')).toEqual([]);
  });

  it('unknown key id, unreachable endpoint and a wrong bearer token', async () => {
    const base = profileInput('access-key', 'x');
    expect(
      await stack.profiles.test({
        profile: {
          ...base,
          credential: {
            kind: 'access-key',
            accessKeyId: 'LTAI5tNOPE00000',
            accessKeySecret: 'whatever-secret',
          },
        },
      }),
    ).toMatchObject({ verdict: 'wrong-key', message: expect.stringMatching(/not known/) });
    expect(await stack.profiles.test({ profile: { ...base, endpoint: 'http://127.0.0.1:9' } })).toMatchObject(
      { verdict: 'unreachable' },
    );
    expect(await stack.profiles.test({ profile: profileInput('auth-service', 'y', true) })).toMatchObject({
      verdict: 'wrong-key',
      message: expect.stringMatching(/bearer token/),
    });
  });

  it('the endpoint map is used when no override is given', () => {
    expect(resolveVodEndpoint(emu.config.regionId).host).toMatch(/aliyuncs\.com$/);
  });
});
