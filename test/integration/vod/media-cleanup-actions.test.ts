import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaticCredentialSource } from '../../../electron/core/vod/caller-credentials';
import { resolveVodEndpoint } from '../../../electron/core/vod/endpoints';
import { deleteMediaWith } from '../../../electron/core/vod/media-deleter';
import { VodClient } from '../../../electron/core/vod/vod-client';
import { startEmulator, type RunningEmulator } from '../../emulator';

let emu: RunningEmulator;
let vod: VodClient;

beforeAll(async () => {
  emu = await startEmulator({ seed: 5, transcodeDelay: 0 });
  vod = new VodClient({
    endpoint: resolveVodEndpoint(emu.config.regionId, emu.config.vodEndpoint),
    regionId: emu.config.regionId,
    credentials: new StaticCredentialSource(emu.config),
    backoff: { baseMs: 1, maxMs: 1 },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  await emu?.stop();
});

const live = (id: string) => emu.state().media.some((m) => m.mediaId === id);

describe('deleting each kind of media with its own call', () => {
  it('DeleteImage by ImageId and DeleteAttachedMedia remove the media; the wrong call leaves it', async () => {
    const image = await vod.createUploadImage({ title: 'still', imageExt: 'jpg' });
    const subs = await vod.createUploadAttachedMedia({
      title: 'subs',
      businessType: 'subtitle',
      mediaExt: 'srt',
      fileSize: 3,
    });
    // An image is not a video: DeleteVideo reports it missing and it stays.
    expect(await vod.deleteVideo([image.mediaId])).toEqual({ missing: [image.mediaId], forbidden: [] });
    expect(await vod.deleteAttachedMedia([image.mediaId])).toEqual({ missing: [image.mediaId] });
    expect(live(image.mediaId)).toBe(true);

    await deleteMediaWith(vod, 'image', [image.mediaId]);
    await deleteMediaWith(vod, 'attached', [subs.mediaId]);
    expect(live(image.mediaId)).toBe(false);
    expect(live(subs.mediaId)).toBe(false);
    // Deleting again is not an error: gone is gone.
    await deleteMediaWith(vod, 'image', [image.mediaId]);
    expect(await vod.deleteAttachedMedia([subs.mediaId])).toEqual({ missing: [subs.mediaId] });
  });

  it('DeleteMultipartUpload accepts only MediaType=video, as VOD documents', async () => {
    const subs = await vod.createUploadAttachedMedia({
      title: 's',
      businessType: 'subtitle',
      mediaExt: 'vtt',
    });
    const video = await vod.createUploadVideo({ title: 'v', fileName: 'v.mp4' });
    await vod.deleteMultipartUpload(video.mediaId);
    await expect(vod.deleteMultipartUpload(subs.mediaId)).rejects.toMatchObject({
      code: 'InvalidVideo.NotFound',
    });
  });

  it('refuses DeleteImage without a valid DeleteImageType and more than 20 IDs', async () => {
    await expect(vod.deleteImages(Array.from({ length: 21 }, (_, i) => `id${i}`))).rejects.toMatchObject({
      code: 'InvalidParameter',
    });
  });
});

describe('SearchMedia', () => {
  it('finds media by status and creation time per type, returns the asked fields, and pages', async () => {
    const from = new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const marker = JSON.stringify({ Extend: { vodUploader: 'tok-1' } });
    const a = await vod.createUploadVideo({ title: 'Clip A', fileName: 'a.mp4', userData: marker });
    const song = await vod.createUploadVideo({ title: 'Song', fileName: 'song.mp3' });
    const img = await vod.createUploadImage({ title: 'Still', imageExt: 'png', userData: marker });
    const to = new Date(Date.now() + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const match = `Status in ('Uploading','UploadFail') and CreationTime = ('${from}','${to}')`;

    const videos = await vod.searchMedia({
      searchType: 'video',
      match,
      fields: ['Title', 'Status', 'UserData'],
      pageSize: 100,
    });
    const found = videos.media.find((m) => m.mediaId === a.mediaId);
    expect(found?.fields).toMatchObject({ VideoId: a.mediaId, Title: 'Clip A', Status: 'Uploading' });
    expect(JSON.parse(String(found?.fields['UserData']))).toEqual({ Extend: { vodUploader: 'tok-1' } });
    expect(videos.media.some((m) => m.mediaId === song.mediaId)).toBe(false);

    const audio = await vod.searchMedia({ searchType: 'audio', match, pageSize: 100 });
    expect(audio.media.map((m) => m.mediaId)).toContain(song.mediaId);
    const images = await vod.searchMedia({ searchType: 'image', match: `ImageId = '${img.mediaId}'` });
    expect(images).toMatchObject({ total: 1, media: [{ mediaId: img.mediaId }] });

    const page1 = await vod.searchMedia({ searchType: 'video', match, pageSize: 1, pageNo: 1 });
    expect(page1.total).toBeGreaterThanOrEqual(1);
    expect(page1.media).toHaveLength(1);
  });

  it('refuses what the search protocol does not have', async () => {
    for (const request of [
      { searchType: 'video' as const, match: 'Status ~ Uploading' },
      { searchType: 'video' as const, match: "Bogus = 'x'" },
      { searchType: 'video' as const, fields: ['Secret'] },
      { searchType: 'video' as const, pageSize: 101 },
      { searchType: 'video' as const, pageSize: 100, pageNo: 51 },
    ]) {
      await expect(vod.searchMedia(request)).rejects.toMatchObject({ code: 'InvalidParameter' });
    }
  });
});
