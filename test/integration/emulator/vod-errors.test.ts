import * as OpenApiUtilModule from '@alicloud/openapi-util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../emulator';
import { assumeRole } from './sts-client';
import { callAction, callError, decodeBase64Json, openApiClient } from './vod-client';

const OpenApiUtil = ((OpenApiUtilModule as any).default?.default ??
  (OpenApiUtilModule as any).default) as typeof OpenApiUtilModule.default;

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ seed: 1 });
});
afterEach(() => {
  emu.setFaults({ skew: 0, errorRate: 0, throttleRate: 0 });
});
afterAll(async () => {
  await emu.stop();
});

const create = (query: Record<string, string>, client = openApiClient(emu.config)) =>
  callError(callAction(client, 'CreateUploadVideo', query));

describe('VOD refuses what the real service refuses', () => {
  it.each([
    ['V3', undefined],
    ['v2', 'v2' as const],
  ])('%s: a wrong secret → 403 SignatureDoesNotMatch', async (_n, alg) => {
    const client = openApiClient(emu.config, { accessKeySecret: 'wrong-secret', signatureAlgorithm: alg });
    const err = await callError(callAction(client, 'GetVideoInfos', { VideoIds: 'a' }));
    expect(err).toMatchObject({ code: 'SignatureDoesNotMatch', statusCode: 403 });
    expect(err.data.RequestId).toBeTruthy();
    expect(err.data.HostId).toBe('vod.cn-shanghai.aliyuncs.com');
  });

  it.each([
    ['V3', undefined],
    ['v2', 'v2' as const],
  ])('%s: an unknown AccessKey → 404 InvalidAccessKeyId.NotFound', async (_n, alg) => {
    const client = openApiClient(emu.config, { accessKeyId: 'LTAInope', signatureAlgorithm: alg });
    expect(await callError(callAction(client, 'GetVideoInfos', { VideoIds: 'a' }))).toMatchObject({
      code: 'InvalidAccessKeyId.NotFound',
      statusCode: 404,
    });
  });

  it('a reused SignatureNonce → 400 SignatureNonceUsed', async () => {
    const params: Record<string, string> = {
      Action: 'GetVideoInfos',
      Version: '2017-03-21',
      Format: 'json',
      VideoIds: 'a',
      AccessKeyId: emu.config.accessKeyId,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: 'fixed-nonce-1',
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    params.Signature = OpenApiUtil.getRPCSignature(params, 'GET', emu.config.accessKeySecret);
    const url = `${emu.config.vodEndpoint}/?${new URLSearchParams(params)}`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    const second = await fetch(url);
    expect(second.status).toBe(400);
    expect(await second.json()).toMatchObject({ Code: 'SignatureNonceUsed' });
  });

  it('a timestamp more than 15 minutes off → 400 InvalidTimeStamp.Expired', async () => {
    emu.setFaults({ skew: 16 * 60 });
    const err = await callError(callAction(openApiClient(emu.config), 'GetVideoInfos', { VideoIds: 'a' }));
    expect(err).toMatchObject({ code: 'InvalidTimeStamp.Expired', statusCode: 400 });
    emu.setFaults({ skew: 14 * 60 });
    await expect(
      callAction(openApiClient(emu.config), 'GetVideoInfos', { VideoIds: 'a' }),
    ).resolves.toBeTruthy();
  });

  it('a RAM user without upload permission → 403 Forbidden.RAM on CreateUpload*', async () => {
    const user = emu.addUser({ allowUpload: false });
    const client = openApiClient(emu.config, user);
    expect(await create({ Title: 't', FileName: 'a.mp4' }, client)).toMatchObject({
      code: 'Forbidden.RAM',
      statusCode: 403,
    });
    expect(await callError(callAction(client, 'CreateUploadImage', { ImageType: 'default' }))).toMatchObject({
      code: 'Forbidden.RAM',
    });
  });

  it('an upload credential cannot call the VOD API → 403 Forbidden.RAM', async () => {
    const body = await callAction(openApiClient(emu.config), 'CreateUploadVideo', {
      Title: 't',
      FileName: 'a.mp4',
    });
    const auth = decodeBase64Json(body.UploadAuth);
    const client = openApiClient(emu.config, {
      accessKeyId: auth.AccessKeyId,
      accessKeySecret: auth.AccessKeySecret,
      securityToken: auth.SecurityToken,
    });
    expect(await callError(callAction(client, 'GetVideoInfo', { VideoId: body.VideoId }))).toMatchObject({
      code: 'Forbidden.RAM',
      statusCode: 403,
    });
  });

  it('InvalidVideo.NotFound (404) for unknown videos, and images cannot be refreshed', async () => {
    const client = openApiClient(emu.config);
    expect(await callError(callAction(client, 'GetVideoInfo', { VideoId: 'nope' }))).toMatchObject({
      code: 'InvalidVideo.NotFound',
      statusCode: 404,
    });
    const image = await callAction(client, 'CreateUploadImage', { ImageType: 'default' });
    expect(
      await callError(callAction(client, 'RefreshUploadVideo', { VideoId: image.ImageId })),
    ).toMatchObject({
      code: 'InvalidVideo.NotFound',
      statusCode: 404,
    });
    expect(
      await callError(callAction(client, 'DeleteMultipartUpload', { MediaId: 'nope', MediaType: 'video' })),
    ).toMatchObject({
      code: 'InvalidVideo.NotFound',
    });
  });

  it.each([
    [{ FileName: 'a.mp4' }, 'MissingParameter'],
    [{ Title: 't' }, 'MissingParameter'],
    [{ Title: 't', FileName: 'notes.txt' }, 'InvalidFileName.Extension'],
    [{ Title: 't', FileName: 'noextension' }, 'InvalidFileName.Extension'],
    [{ Title: 'party 🎉', FileName: 'a.mp4' }, 'IllegalCharacters'],
    [{ Title: 'x'.repeat(129), FileName: 'a.mp4' }, 'LengthExceededMax'],
    [{ Title: 't', FileName: 'a.mp4', Description: 'd'.repeat(1025) }, 'LengthExceededMax'],
    [
      { Title: 't', FileName: 'a.mp4', Tags: Array.from({ length: 17 }, (_, i) => `t${i}`).join(',') },
      'TagsExceededMax',
    ],
    [
      { Title: 't', FileName: 'a.mp4', StorageLocation: 'elsewhere.oss-cn-shanghai.aliyuncs.com' },
      'InvalidStorage.NotFound',
    ],
    [{ Title: 't', FileName: 'a.mp4', UserData: '{not json' }, 'InvalidParameter'],
  ])('CreateUploadVideo %j → %s', async (query, code) => {
    const err = await create(query);
    expect(err.code).toBe(code);
    expect(err.statusCode).toBe(code === 'InvalidStorage.NotFound' ? 404 : 400);
  });

  it('CreateUploadImage and CreateUploadAttachedMedia check their required types and extensions', async () => {
    const client = openApiClient(emu.config);
    expect(await callError(callAction(client, 'CreateUploadImage', { ImageType: 'poster' }))).toMatchObject({
      code: 'InvalidParameter',
    });
    expect(await callError(callAction(client, 'CreateUploadImage', {}))).toMatchObject({
      code: 'MissingParameter',
    });
    expect(
      await callError(
        callAction(client, 'CreateUploadAttachedMedia', { BusinessType: 'subtitle', MediaExt: 'mp4' }),
      ),
    ).toMatchObject({ code: 'InvalidParameter' });
  });

  it('an unknown action → 404 InvalidAction.NotFound', async () => {
    expect(await callError(callAction(openApiClient(emu.config), 'GetPlayInfoX', {}))).toMatchObject({
      code: 'InvalidAction.NotFound',
      statusCode: 404,
    });
  });

  it('--throttle-rate answers Throttling (503) and --error-rate InternalError/ServiceUnavailable', async () => {
    emu.setFaults({ throttleRate: 1 });
    expect(
      await callError(callAction(openApiClient(emu.config), 'GetVideoInfos', { VideoIds: 'a' })),
    ).toMatchObject({
      code: 'Throttling',
      statusCode: 503,
    });
    emu.setFaults({ throttleRate: 0, errorRate: 1 });
    const codes = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const err = await callError(callAction(openApiClient(emu.config), 'GetVideoInfos', { VideoIds: 'a' }));
      codes.add(`${err.statusCode} ${err.code}`);
    }
    expect(codes).toEqual(new Set(['500 InternalError', '503 ServiceUnavailable']));
  });
});

describe('STS AssumeRole (@alicloud/sts20150401)', () => {
  it('issues credentials that call VOD with both signatures until they expire', async () => {
    const creds = await assumeRole(emu.config, 'acs:ram::1234567890:role/vod-uploader');
    expect(creds.accessKeyId).toMatch(/^STS\./);
    expect(Date.parse(creds.expiration)).toBeGreaterThan(Date.now() + 3_000_000);
    for (const signatureAlgorithm of [undefined, 'v2' as const]) {
      const client = openApiClient(emu.config, { ...creds, signatureAlgorithm });
      const body = await callAction(client, 'CreateUploadVideo', { Title: 't', FileName: 'a.mp4' });
      expect(body.VideoId).toBeTruthy();
    }
    const wrongToken = openApiClient(emu.config, { ...creds, securityToken: 'CAISforged' });
    expect(await callError(callAction(wrongToken, 'GetVideoInfos', { VideoIds: 'a' }))).toMatchObject({
      code: 'InvalidSecurityToken.MismatchWithAccessKey',
    });
    emu.expireCredential(creds.accessKeyId);
    expect(
      await callError(callAction(openApiClient(emu.config, creds), 'GetVideoInfos', { VideoIds: 'a' })),
    ).toMatchObject({
      code: 'InvalidSecurityToken.Expired',
      statusCode: 400,
    });
  });

  it('an unknown role → 404 EntityNotExist.Role; a user not allowed → 403 NoPermission', async () => {
    const missing = await assumeRole(emu.config, 'acs:ram::1234567890:role/nope').catch(
      (e: { code: string; statusCode: number }) => e,
    );
    expect(missing).toMatchObject({ code: 'EntityNotExist.Role', statusCode: 404 });
    const user = emu.addUser({ allowAssumeRole: false });
    const denied = await assumeRole(
      { ...emu.config, ...user },
      'acs:ram::1234567890:role/vod-uploader',
    ).catch((e: { code: string; statusCode: number }) => e);
    expect(denied).toMatchObject({ code: 'NoPermission', statusCode: 403 });
  });
});
