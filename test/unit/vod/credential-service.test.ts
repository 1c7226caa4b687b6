import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../electron/core/log/redactor';
import type { CredentialRequest } from '../../../electron/core/vod/credential-types';
import type { IssuedUpload } from '../../../electron/core/vod/upload-auth';
import type { UploadIssuer } from '../../../electron/core/vod/upload-issuer';
import { VodCredentialService } from '../../../electron/core/vod/vod-credential-service';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

/** An issuer that mints distinct media ids and keys, and records calls. */
class RecordingIssuer implements UploadIssuer {
  public calls: string[] = [];
  private n = 0;
  public constructor(private readonly ttlSeconds: number) {}
  private issue(mediaId: string): IssuedUpload {
    this.n += 1;
    return {
      mediaId,
      uploadAddress: b64({ Endpoint: 'http://127.0.0.1:1', Bucket: 'b', FileName: `key/${mediaId}` }),
      uploadAuth: b64({
        AccessKeyId: `STS.${this.n}`,
        AccessKeySecret: `secret-number-${this.n}`,
        SecurityToken: `token-number-${this.n}`,
        Expiration: String(this.ttlSeconds),
      }),
      requestId: `req-${this.n}`,
    };
  }
  public async create(request: CredentialRequest) {
    this.calls.push(`create:${request.kind}`);
    return this.issue(`media-${this.calls.length}`);
  }
  public async refreshVideo(videoId: string) {
    this.calls.push(`refresh:${videoId}`);
    return this.issue(videoId);
  }
}

function request(kind: CredentialRequest['kind'], mediaId: string | null = null): CredentialRequest {
  return {
    jobId: 'job-1',
    kind,
    businessType: kind === 'attached' ? 'subtitle' : undefined,
    profileId: 'p1',
    mediaId,
    fileName: kind === 'video' ? 'a.mp4' : kind === 'image' ? 'a.png' : 'a.srt',
    fileSize: 10,
    title: 'a',
    metadata: { titleTemplate: '{name}', tags: [] },
  };
}

describe('VodCredentialService', () => {
  it('refreshes a video in place and re-creates an image with a new media id', async () => {
    const issuer = new RecordingIssuer(3000);
    const service = new VodCredentialService({
      issuerFor: async () => issuer,
      redactor: new Redactor(),
      now: () => 0,
    });
    const video = await service.acquire(request('video'));
    const refreshed = await service.refresh(request('video', video.target.mediaId), 'expiring');
    expect(refreshed.target.mediaId).toBe(video.target.mediaId);
    expect(refreshed.target.objectKey).toBe(video.target.objectKey);
    expect(refreshed.credential.securityToken).not.toBe(video.credential.securityToken);

    const image = await service.acquire(request('image'));
    const again = await service.refresh(request('image', image.target.mediaId), 'auth-error');
    expect(again.target.mediaId).not.toBe(image.target.mediaId);
    expect(issuer.calls).toEqual([
      'create:video',
      `refresh:${video.target.mediaId}`,
      'create:image',
      'create:image',
    ]);
  });

  it('needsRefresh honours the configured margin', async () => {
    const service = new VodCredentialService({
      issuerFor: async () => new RecordingIssuer(60),
      redactor: new Redactor(),
      marginMs: 10_000,
      now: () => 0,
    });
    const grant = await service.acquire(request('video'));
    expect(grant.credential.expiresAt).toBe(60_000);
    expect(service.needsRefresh(grant, 49_999)).toBe(false);
    expect(service.needsRefresh(grant, 50_000)).toBe(true);
  });

  it('caps the margin at a fifth of a short credential lifetime', async () => {
    // A 3-second credential with the default 5-minute margin would otherwise need a refresh before every part.
    const service = new VodCredentialService({
      issuerFor: async () => new RecordingIssuer(3),
      redactor: new Redactor(),
      now: () => 0,
    });
    const grant = await service.acquire(request('video'));
    expect(service.needsRefresh(grant, 0)).toBe(false);
    expect(service.needsRefresh(grant, 2_399)).toBe(false);
    expect(service.needsRefresh(grant, 2_400)).toBe(true);
  });

  it('registers the issued STS secret and token with the redactor', async () => {
    const redactor = new Redactor();
    const service = new VodCredentialService({ issuerFor: async () => new RecordingIssuer(60), redactor });
    await service.acquire(request('attached'));
    expect(redactor.redactString('x secret-number-1 token-number-1')).toBe('x [REDACTED] [REDACTED]');
  });

  it('refuses to refresh a video that has no VideoId yet', async () => {
    const service = new VodCredentialService({
      issuerFor: async () => new RecordingIssuer(60),
      redactor: new Redactor(),
    });
    await expect(service.refresh(request('video'), 'resume')).rejects.toMatchObject({ code: 'NO_MEDIA_ID' });
  });
});
