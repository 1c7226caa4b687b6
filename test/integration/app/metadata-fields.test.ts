import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileSummary } from '../../../shared/domain/profile';
import { draftFromSummary, draftToInput } from '../../../renderer/lib/profile-form';
import { AppHarness, waitFor } from '../../helpers/app-harness';

/**
 * Every metadata field set for a batch reaches VOD in the create call of each media kind, under VOD's own
 * parameter name, and a field a call does not take is not sent with it. Checked on what the emulator
 * received (real HTTP, the real services, a real SQLite file).
 */
describe('metadata fields reach VOD', () => {
  let h: AppHarness;

  beforeAll(async () => {
    h = await AppHarness.start({ prefix: 'vod-meta-', profileSettings: {} });
  });

  afterAll(async () => {
    await h?.stop();
  });

  /** Uploads `files` as one batch with `options`; returns the create call's parameters per file name. */
  async function upload(folder: string, files: Record<string, string>, options: Record<string, unknown>) {
    const dir = join(h.root, folder);
    await mkdir(dir, { recursive: true });
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    const summary = await h.call<{ added: number; jobIds: string[] }>('queue:add', { paths: [dir], options });
    expect(summary.added).toBe(Object.keys(files).length);
    await waitFor(() =>
      summary.jobIds.every((id) => h.internals.store.jobs.get(id)?.status.state === 'done'),
    );
    const byName: Record<string, Record<string, string>> = {};
    for (const id of summary.jobIds) {
      const job = h.internals.store.jobs.get(id)!;
      const media = h.emulator.state().media.find((m) => m.mediaId === job.mediaId);
      expect(media, job.name).toBeDefined();
      byName[job.name] = { kind: media!.kind, ...media!.params };
    }
    return byName;
  }

  const storage = () => `${h.emulator.bucket}.oss-${h.emulator.config.regionId}.aliyuncs.com`;
  const userData = JSON.stringify({ Extend: { project: 'Day 1', card: 'A' } });
  // What VOD receives: the user's UserData with the uploader's marker added to Extend (upload-marker.ts).
  const sentUserData = expect.stringMatching(
    /^\{"Extend":\{"project":"Day 1","card":"A","VodUploader":"\w+"\}\}$/,
  );

  function everyField(kind: string) {
    return {
      titleTemplate: `{folder} ${kind} {name}`,
      description: `Described ${kind}`,
      tags: ['day1', kind],
      cateId: 1001,
      templateGroupId: 'VOD_NO_TRANSCODE',
      workflowId: 'wf-1',
      coverUrl: 'https://example.com/cover.jpg',
      storageLocation: storage(),
      appId: 'app-2000000',
      userData,
    };
  }

  /** The parameters every create call carries, whatever the kind. */
  function common(kind: string, title: string) {
    return {
      Title: title,
      Description: `Described ${kind}`,
      Tags: `day1,${kind}`,
      StorageLocation: storage(),
      AppId: 'app-2000000',
      UserData: sentUserData,
    };
  }

  it('video and audio: CreateUploadVideo gets every field', async () => {
    const got = await upload(
      'clips',
      { 'A001.mp4': 'video bytes', 'voice.mp3': 'audio bytes' },
      everyField('av'),
    );
    for (const name of ['A001.mp4', 'voice.mp3']) {
      expect(got[name]).toEqual({
        kind: 'video',
        ...common('av', `clips av ${name.replace(/\.\w+$/, '')}`),
        FileName: name,
        FileSize: '11',
        CateId: '1001',
        TemplateGroupId: 'VOD_NO_TRANSCODE',
        WorkflowId: 'wf-1',
        CoverURL: 'https://example.com/cover.jpg',
      });
    }
  });

  it('images, as library images and as covers: CreateUploadImage gets the fields it takes', async () => {
    const got = await upload('stills', { 'still.jpg': 'jpeg bytes' }, everyField('image'));
    expect(got['still.jpg']).toEqual({
      kind: 'image',
      ...common('image', 'stills image still'),
      ImageType: 'default',
      ImageExt: 'jpg',
      OriginalFileName: 'still.jpg',
      CateId: '1001',
    });
    const covers = await upload(
      'covers',
      { 'poster.png': 'png bytes' },
      { ...everyField('cover'), imageType: 'cover' },
    );
    expect(covers['poster.png']).toEqual({
      kind: 'image',
      ...common('cover', 'covers cover poster'),
      ImageType: 'cover',
      ImageExt: 'png',
      OriginalFileName: 'poster.png',
      CateId: '1001',
    });
  });

  it('attached media (subtitle, watermark, material): CreateUploadAttachedMedia gets the fields it takes', async () => {
    const attached = (name: string, businessType: string, ext: string, size: number, title: string) => ({
      kind: 'attached',
      ...common('att', title),
      BusinessType: businessType,
      MediaExt: ext,
      FileName: name,
      FileSize: String(size),
      CateIds: '1001',
    });
    const subs = await upload('subs', { 'en.vtt': 'WEBVTT\n', 'kit.zip': 'zip bytes' }, everyField('att'));
    expect(subs['en.vtt']).toEqual(attached('en.vtt', 'subtitle', 'vtt', 7, 'subs att en'));
    expect(subs['kit.zip']).toEqual(attached('kit.zip', 'material', 'zip', 9, 'subs att kit'));
    // A batch marked "watermark" sends its pngs as watermarks (not images); its videos stay videos.
    const marks = await upload(
      'marks',
      { 'logo.png': 'png bytes', 'clip.mp4': 'video bytes' },
      { ...everyField('att'), attachedAs: 'watermark' },
    );
    expect(marks['logo.png']).toEqual(attached('logo.png', 'watermark', 'png', 9, 'marks att logo'));
    expect(marks['clip.mp4']).toMatchObject({ kind: 'video', FileName: 'clip.mp4' });
    const materials = await upload(
      'materials',
      { 'ref.png': 'png bytes' },
      { ...everyField('att'), attachedAs: 'material' },
    );
    expect(materials['ref.png']).toEqual(attached('ref.png', 'material', 'png', 9, 'materials att ref'));
  });

  it("a profile's defaults reach VOD when the batch leaves them out, and the batch's own fields win", async () => {
    const profile = await h.call<ProfileSummary>('profiles:save', {
      id: h.profileId,
      name: 'Emulator',
      region: h.emulator.config.regionId,
      endpoint: h.emulator.config.vodEndpoint,
      defaults: { ...everyField('profile'), titleTemplate: 'P {name}' },
      credential: { kind: 'access-key' },
    });
    expect(profile.defaults.description).toBe('Described profile');
    const got = await upload('from-profile', { 'B001.mov': 'video bytes' }, { tags: ['batch'] });
    expect(got['B001.mov']).toMatchObject({
      Title: 'P B001',
      Description: 'Described profile',
      Tags: 'batch',
      WorkflowId: 'wf-1',
      UserData: sentUserData,
    });
  });

  it('an edit of the profile in the app keeps every field it was saved with (e.g. by the CLI)', async () => {
    const stored = { ...everyField('cli'), imageType: 'cover' as const, attachedAs: 'material' as const };
    const saved = await h.call<ProfileSummary>('profiles:save', {
      name: 'From CLI',
      region: h.emulator.config.regionId,
      endpoint: h.emulator.config.vodEndpoint,
      defaults: stored,
      credential: {
        kind: 'access-key',
        accessKeyId: h.emulator.config.accessKeyId,
        accessKeySecret: h.emulator.config.accessKeySecret,
      },
    });
    // The app's settings screen: load the profile into the form, rename it, save.
    const listed = await h.call<ProfileSummary[]>('profiles:list', {});
    const draft = draftFromSummary(listed.find((p) => p.id === saved.id)!);
    const input = draftToInput({ ...draft, name: 'Renamed in the app' });
    expect(input.ok).toBe(true);
    if (!input.ok) return;
    await h.call('profiles:save', input.input);
    const after = (await h.call<ProfileSummary[]>('profiles:list', {})).find((p) => p.id === saved.id)!;
    expect(after.name).toBe('Renamed in the app');
    expect(after.defaults).toEqual(stored);
    expect(after.hasSecret).toBe(true);
  });
});
