import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc64 } from '../../../electron/core/oss/crc64';
import { type RunningEmulator, startEmulator } from '../../emulator';
import { type RunningOrigin, startOrigin } from '../../helpers/http-origin';
import { callAction, callError, openApiClient } from './vod-client';

let emu: RunningEmulator;
let origin: RunningOrigin;
beforeAll(async () => {
  emu = await startEmulator({ transcodeDelay: 10 });
  origin = await startOrigin({
    '/a.mp4': { size: 300_000, seed: 1 },
    '/b c.mov': { size: 70_000, seed: 2 },
    '/noext': { size: 1000, seed: 3 },
    '/drops.mp4': { size: 500_000, seed: 4, dropAfter: 100_000, drops: 99 },
    '/big.mp4': { size: 2_000_000, seed: 5 },
    ...Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [
        `/slow-${i}.mp4`,
        { size: 20_000, seed: 10 + i, rate: 5_000, chunkSize: 2_000 },
      ]),
    ),
  });
});
afterAll(async () => {
  await origin.stop();
  await emu.stop();
});

const enc = (urls: string[]) => urls.map((u) => encodeURIComponent(u)).join(',');

async function settle(client: ReturnType<typeof openApiClient>, jobIds: string[]) {
  for (let i = 0; i < 200; i++) {
    const res = await callAction(client, 'GetURLUploadInfos', { JobIds: jobIds.join(',') });
    const list = res.URLUploadInfoList as Array<Record<string, string>>;
    if (list.every((j) => j.Status === 'SUCCESS' || j.Status === 'FAIL')) return list;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('URL jobs did not settle');
}

describe('UploadMediaByURL and GetURLUploadInfos', () => {
  it('pulls each URL from the origin into a new video with the metadata given for it', async () => {
    const client = openApiClient(emu.config);
    const a = `${origin.base}/a.mp4`;
    const b = `${origin.base}/b c.mov`;
    const submitted = await callAction(client, 'UploadMediaByURL', {
      UploadURLs: enc([a, b]),
      UploadMetadatas: JSON.stringify([{ SourceURL: a, Title: 'Rushes A', Tags: 'day1,cam2', CateId: 9 }]),
    });
    const jobs = submitted.UploadJobs as Array<{ JobId: string; SourceURL: string }>;
    expect(jobs.map((j) => j.SourceURL)).toEqual([a, b]);
    const done = await settle(
      client,
      jobs.map((j) => j.JobId),
    );
    expect(done.map((j) => j.Status)).toEqual(['SUCCESS', 'SUCCESS']);
    expect(done[0]!.FileSize).toBe('300000');
    const media = emu.state().media.find((m) => m.mediaId === done[0]!.MediaId);
    expect(media).toMatchObject({ kind: 'video', title: 'Rushes A' });
    const object = emu.state().objects.find((o) => o.key === media!.key);
    expect(object?.crc64).toBe(crc64(origin.content('/a.mp4')));
    expect(emu.state().media.find((m) => m.mediaId === done[1]!.MediaId)?.title).toBe('b c.mov');
    const info = await callAction(client, 'GetVideoInfo', { VideoId: done[0]!.MediaId });
    expect(info.Video).toMatchObject({ Tags: 'day1,cam2', CateId: 9 });
  });

  it('each submission makes a new media ID, and a query by URL finds every job for it', async () => {
    const client = openApiClient(emu.config);
    const a = `${origin.base}/a.mp4`;
    const one = await callAction(client, 'UploadMediaByURL', { UploadURLs: enc([a]) });
    await settle(client, [one.UploadJobs[0].JobId]);
    const byUrl = await callAction(client, 'GetURLUploadInfos', {
      UploadURLs: enc([a, `${origin.base}/x.mp4`]),
    });
    const ids = new Set((byUrl.URLUploadInfoList as Array<{ MediaId: string }>).map((j) => j.MediaId));
    expect(ids.size).toBeGreaterThanOrEqual(2);
    expect(byUrl.NonExists).toEqual([`${origin.base}/x.mp4`]);
  });

  it('reports an origin 404, a dropped connection and an oversized source as FAIL with a reason', async () => {
    const client = openApiClient(emu.config);
    emu.setMaxPullSize(1_000_000);
    try {
      const urls = [`${origin.base}/missing.mp4`, `${origin.base}/drops.mp4`, `${origin.base}/big.mp4`];
      const submitted = await callAction(client, 'UploadMediaByURL', { UploadURLs: enc(urls) });
      const done = await settle(
        client,
        (submitted.UploadJobs as Array<{ JobId: string }>).map((j) => j.JobId),
      );
      expect(done.map((j) => [j.Status, j.ErrorCode])).toEqual([
        ['FAIL', 'DownloadFailed'],
        ['FAIL', 'DownloadFailed'],
        ['FAIL', 'FileSizeExceeded'],
      ]);
      expect(done[0]!.ErrorMessage).toContain('404');
      expect(done.every((j) => j.MediaId === '')).toBe(true);
    } finally {
      emu.setMaxPullSize(20 * 1024 ** 3);
    }
  });

  it('refuses what VOD refuses: no URLs, more than 20, non-http, unsupported or missing extensions', async () => {
    const client = openApiClient(emu.config);
    const before = emu.urlJobs().length;
    expect((await callError(callAction(client, 'UploadMediaByURL', {}))).code).toBe('MissingParameter');
    const many = Array.from({ length: 21 }, (_, i) => `${origin.base}/v${i}.mp4`);
    const tooMany = await callError(callAction(client, 'UploadMediaByURL', { UploadURLs: enc(many) }));
    expect(tooMany.code).toBe('InvalidParameter');
    const ftp = await callError(
      callAction(client, 'UploadMediaByURL', { UploadURLs: enc(['ftp://h/a.mp4']) }),
    );
    expect(ftp.message).toContain('ftp:');
    const pdf = await callError(
      callAction(client, 'UploadMediaByURL', {
        UploadURLs: enc([`${origin.base}/a.mp4`, `${origin.base}/doc.pdf`]),
      }),
    );
    expect(pdf.message).toContain('"pdf"');
    const noExt = await callError(
      callAction(client, 'UploadMediaByURL', { UploadURLs: enc([`${origin.base}/noext`]) }),
    );
    expect(noExt.message).toContain('FileExtension');
    const badMeta = await callError(
      callAction(client, 'UploadMediaByURL', {
        UploadURLs: enc([`${origin.base}/a.mp4`]),
        UploadMetadatas: '{',
      }),
    );
    expect(badMeta.message).toContain('UploadMetadatas');
    // A refused call queues nothing, not even its valid URLs.
    expect(emu.urlJobs().length).toBe(before);
    const tooManyIds = await callError(
      callAction(client, 'GetURLUploadInfos', {
        JobIds: Array.from({ length: 11 }, (_, i) => `j${i}`).join(','),
      }),
    );
    expect(tooManyIds.code).toBe('InvalidParameter');
  });

  it('FileExtension in UploadMetadatas lets a URL without an extension through', async () => {
    const client = openApiClient(emu.config);
    const url = `${origin.base}/noext`;
    const submitted = await callAction(client, 'UploadMediaByURL', {
      UploadURLs: enc([url]),
      UploadMetadatas: JSON.stringify([{ SourceURL: url, Title: 't', FileExtension: 'mp4' }]),
    });
    const [done] = await settle(client, [submitted.UploadJobs[0].JobId]);
    expect(done!.Status).toBe('SUCCESS');
  });

  it('a key without upload permission is Forbidden.RAM', async () => {
    const user = emu.addUser({ allowUpload: false });
    const client = openApiClient(emu.config, user);
    const err = await callError(
      callAction(client, 'UploadMediaByURL', { UploadURLs: enc([`${origin.base}/a.mp4`]) }),
    );
    expect(err.code).toBe('Forbidden.RAM');
  });

  it('CancelUrlUploadJobs cancels only jobs still Pending, by JobIds or by UploadUrls', async () => {
    const client = openApiClient(emu.config);
    // Four pulls run at once: of five slow links, the fifth waits (Pending).
    const urls = Array.from({ length: 5 }, (_, i) => `${origin.base}/slow-${i}.mp4`);
    const submitted = await callAction(client, 'UploadMediaByURL', { UploadURLs: enc(urls) });
    const ids = (submitted.UploadJobs as Array<{ JobId: string }>).map((j) => j.JobId);
    const unknownUrl = `${origin.base}/never-submitted.mp4`;
    const byUrl = await callAction(client, 'CancelUrlUploadJobs', {
      UploadUrls: enc([urls[0]!, urls[4]!, unknownUrl]),
    });
    // The started one is in neither list: VOD cannot cancel it.
    expect(byUrl.CanceledJobs).toEqual([ids[4]]);
    expect(byUrl.NonExists).toEqual([unknownUrl]);
    const byId = await callAction(client, 'CancelUrlUploadJobs', { JobIds: `${ids[1]},nosuchjob,${ids[4]}` });
    expect(byId.CanceledJobs).toEqual([]);
    expect(byId.NonExists).toEqual(['nosuchjob']);
    const infos = await callAction(client, 'GetURLUploadInfos', { JobIds: ids[4] });
    expect(infos.URLUploadInfoList[0]).toMatchObject({ Status: 'CANCELED', MediaId: '' });
    const started = await settle(client, ids.slice(0, 4));
    expect(started.map((j) => j.Status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS']);
    // The canceled link was never fetched; the started ones were, to the end.
    expect(origin.started.some((l) => l.path === '/slow-4.mp4')).toBe(false);
    expect(origin.started.filter((l) => l.path.startsWith('/slow-'))).toHaveLength(4);
    expect((await callError(callAction(client, 'CancelUrlUploadJobs', {}))).code).toBe('MissingParameter');
    const tooMany = await callError(
      callAction(client, 'CancelUrlUploadJobs', {
        JobIds: Array.from({ length: 11 }, (_, i) => `j${i}`).join(','),
      }),
    );
    expect(tooMany.code).toBe('InvalidParameter');
  });
});
