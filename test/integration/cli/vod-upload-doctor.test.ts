import { mkdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CleanupFixResult, CleanupReport } from '../../../shared/domain/cleanup';
import { QUEUE_DB_FILE } from '../../../electron/core/app/create-app-services';
import { OssClients } from '../../../electron/core/engine/oss-clients';
import { openDatabase } from '../../../electron/core/queue/database';
import { createQueueStore, type QueueStore } from '../../../electron/core/queue/queue-store';
import { StaticCredentialSource } from '../../../electron/core/vod/caller-credentials';
import { parseEndpoint } from '../../../electron/core/vod/endpoints';
import { toUploadGrant } from '../../../electron/core/vod/upload-auth';
import { withMarker } from '../../../electron/core/vod/upload-marker';
import { VodClient } from '../../../electron/core/vod/vod-client';
import { type RunningEmulator } from '../../emulator/index';
import { engineTrust } from '../../helpers/emulator-trust';
import { runCli } from './cli-process';
import { startCliRig, type CliRig } from './cli-rig';

/**
 * `vod-upload doctor` through the real process against the emulator: planted leftovers (media in Uploading
 * with this data dir's marker, with another computer's, with none; an open multipart upload) are found, told
 * apart from a queued job's media, and removed by `--fix` while the queued job's media and upload stay.
 */
describe('vod-upload doctor', () => {
  let rig: CliRig;
  let emulator: RunningEmulator;
  let root: string;
  let env: NodeJS.ProcessEnv;
  let connection: string[];
  let vod: VodClient;
  let oss: OssClients;

  beforeAll(async () => {
    rig = await startCliRig('doctor');
    ({ emulator, root, env } = rig);
    connection = rig.connection;
    vod = new VodClient({
      endpoint: parseEndpoint(emulator.config.vodEndpoint),
      regionId: emulator.config.regionId,
      credentials: new StaticCredentialSource(emulator.config),
    });
    oss = new OssClients({
      bandwidthLimit: 0,
      stallTimeoutMs: 30_000,
      requestTimeoutMs: 30_000,
      ...engineTrust(emulator.config),
    });
  });

  afterAll(async () => {
    oss?.destroy();
    await rig?.stop();
  });

  function withStore<T>(dataDir: string, use: (store: QueueStore) => T): T {
    const database = openDatabase(join(dataDir, QUEUE_DB_FILE));
    try {
      return use(createQueueStore(database.db));
    } finally {
      database.close();
    }
  }

  /** A video in Uploading with one part sent on an open multipart upload (what a killed upload leaves). */
  async function videoWithOpenUpload(title: string, userData: string | undefined) {
    const issued = await vod.createUploadVideo({ title, fileName: `${title}.mp4`, userData });
    const grant = toUploadGrant(issued, 'video', Date.now());
    const client = oss.clientFor(grant.target, () => grant);
    const uploadId = await client.initiateMultipartUpload(grant.target.objectKey);
    await client.uploadPart(grant.target.objectKey, uploadId, 1, Buffer.alloc(100 * 1024, 1));
    return { mediaId: issued.mediaId, grant, uploadId };
  }

  const live = (id: string) => emulator.state().media.some((m) => m.mediaId === id);
  const open = (uploadId: string) => emulator.uploads().some((u) => u.uploadId === uploadId);

  it('finds planted leftovers, tells the queued job apart, and --fix removes only what it should', async () => {
    const dataDir = join(root, 'data');
    await mkdir(dataDir, { recursive: true });
    // The first command creates the queue; the installation id is what this data dir's markers start with.
    expect((await runCli(['status', '--data-dir', dataDir], env)).code).toBe(0);
    const installation = withStore(dataDir, (s) => s.cleanup.ensureInstallationId());
    const ours = (tail: string) => withMarker(undefined, `${installation}${tail}`);

    // A paused job of this data dir, its video in Uploading with an upload open: the uploader's, left alone.
    const file = join(root, 'queued.mp4');
    await writeFile(file, Buffer.alloc(300 * 1024, 3));
    const info = await stat(file);
    const queued = await videoWithOpenUpload('queued', ours('aa01'));
    withStore(dataDir, ({ jobs }) => {
      jobs.insertMany([
        {
          id: 'job-queued',
          path: file,
          root: dirname(file),
          relativeDir: '',
          name: basename(file),
          kind: 'video',
          businessType: null,
          size: info.size,
          mtimeMs: info.mtimeMs,
          profileId: null,
          title: 'queued',
          metadata: { titleTemplate: '{name}', tags: [] },
        },
      ]);
      jobs.recordGrant('job-queued', {
        mediaId: queued.mediaId,
        uploadAddress: queued.grant.uploadAddress,
        endpoint: queued.grant.target.endpoint,
        bucket: queued.grant.target.bucket,
        objectKey: queued.grant.target.objectKey,
      });
      jobs.recordUploadId('job-queued', queued.uploadId, 100 * 1024);
      jobs.setStatus('job-queued', { state: 'paused' });
    });

    // Leftovers: ours (a video with an open upload, an image), another computer's, and an unmarked one.
    const orphanVideo = await videoWithOpenUpload('orphan', ours('bb02'));
    const orphanImage = await vod.createUploadImage({
      title: 'still',
      imageExt: 'jpg',
      userData: ours('cc03'),
    });
    const foreign = await vod.createUploadAttachedMedia({
      title: 'subs',
      businessType: 'subtitle',
      mediaExt: 'srt',
      userData: withMarker(undefined, 'ffffffffffffffff0000'),
    });
    const unmarked = await vod.createUploadVideo({ title: 'console', fileName: 'console.mov' });

    // The check, under VOD's narrow upload policy: listing uploads is refused, and it says so.
    const plain = await runCli(['doctor', '--data-dir', dataDir, ...connection], env);
    expect(plain.code, plain.stderr).toBe(1);
    expect(plain.stdout).toContain(orphanVideo.mediaId);
    expect(plain.stdout).toContain('left by this uploader');
    expect(plain.stdout).toContain('in the queue (left alone)');
    expect(plain.stdout).toMatch(/OSS refused to list multipart uploads \(AccessDenied\)/);

    const checked = await runCli(['doctor', '--json', '--data-dir', dataDir, ...connection], env);
    expect(checked.code).toBe(1);
    const report = JSON.parse(checked.stdout) as CleanupReport;
    const owner = (id: string) => report.media.find((m) => m.mediaId === id)?.owner;
    expect(owner(queued.mediaId)).toBe('in-use');
    expect(owner(orphanVideo.mediaId)).toBe('orphan');
    expect(owner(orphanImage.mediaId)).toBe('orphan');
    expect(owner(foreign.mediaId)).toBe('other');
    expect(owner(unmarked.mediaId)).toBe('other');
    expect(report.media.find((m) => m.mediaId === queued.mediaId)?.job).toMatchObject({ state: 'paused' });
    expect(report.uploads).toEqual([
      expect.objectContaining({ uploadId: queued.uploadId, owner: 'in-use', source: 'records' }),
    ]);
    expect(report.limits.map((l) => l.code)).toEqual(['UPLOAD_LISTING_REFUSED']);

    // Where the credential may list (a broad policy), the orphan's open upload is found on OSS itself.
    emulator.setFaults({ uploadPolicy: 'broad' });
    const broad = JSON.parse(
      (await runCli(['doctor', '--json', '--data-dir', dataDir, ...connection], env)).stdout,
    ) as CleanupReport;
    expect(broad.limits).toEqual([]);
    expect(broad.uploads).toContainEqual(
      expect.objectContaining({
        uploadId: orphanVideo.uploadId,
        mediaId: orphanVideo.mediaId,
        source: 'oss',
      }),
    );
    emulator.setFaults({ uploadPolicy: 'narrow' });

    // --fix: this uploader's leftovers go, with the upload; the queued job's media and upload, and media not
    // made here, stay.
    const fixed = await runCli(['doctor', '--fix', '--json', '--data-dir', dataDir, ...connection], env);
    expect(fixed.code, fixed.stdout).toBe(0);
    const result = JSON.parse(fixed.stdout) as CleanupFixResult;
    expect(result.removedMedia.sort()).toEqual([orphanImage.mediaId, orphanVideo.mediaId].sort());
    expect(result.failed).toEqual([]);
    expect(live(orphanVideo.mediaId)).toBe(false);
    expect(live(orphanImage.mediaId)).toBe(false);
    expect(open(orphanVideo.uploadId)).toBe(false);
    expect(live(queued.mediaId)).toBe(true);
    expect(open(queued.uploadId)).toBe(true);
    expect(live(foreign.mediaId)).toBe(true);
    expect(live(unmarked.mediaId)).toBe(true);

    // Asked for explicitly, media not made here go too; the queued job's still stays.
    const all = await runCli(
      ['doctor', '--fix', '--include-others', '--data-dir', dataDir, ...connection],
      env,
    );
    expect(all.code, all.stdout).toBe(0);
    expect(live(foreign.mediaId)).toBe(false);
    expect(live(unmarked.mediaId)).toBe(false);
    expect(live(queued.mediaId)).toBe(true);
    expect(open(queued.uploadId)).toBe(true);

    const clean = await runCli(['doctor', '--data-dir', dataDir, ...connection], env);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('Nothing to clean up.');
  });

  it('a delete that keeps failing is shown by status and doctor, and doctor exits 2 on a bad profile', async () => {
    const dataDir = join(root, 'failing');
    await mkdir(dataDir, { recursive: true });
    expect((await runCli(['status', '--data-dir', dataDir], env)).code).toBe(0);
    const image = await vod.createUploadImage({ title: 'owed', imageExt: 'png' });
    // Owed under a profile that no longer exists: every try fails, and it must stay visible.
    withStore(dataDir, ({ ledger }) =>
      ledger.discard(null, {
        kind: 'image',
        profileId: 'gone',
        mediaIds: [image.mediaId],
        reason: 'canceled',
      }),
    );
    const fix = await runCli(['doctor', '--fix', '--data-dir', dataDir, ...connection], env);
    expect(fix.code, fix.stdout).toBe(1);
    expect(fix.stdout).toContain('1 cleanup(s) pending');
    expect(fix.stdout).toContain(image.mediaId);
    expect(fix.stdout).toMatch(/PROFILE_NOT_FOUND/);

    const status = await runCli(['status', '--data-dir', dataDir], env);
    expect(status.stdout).toContain('1 cleanup(s) pending (1 failed so far, retried)');
    const json = JSON.parse((await runCli(['status', '--json', '--data-dir', dataDir], env)).stdout) as {
      pendingCleanups: Array<{ mediaId: string; attempts: number; lastError: { code: string } }>;
    };
    expect(json.pendingCleanups).toEqual([
      expect.objectContaining({
        mediaId: image.mediaId,
        attempts: 1,
        lastError: expect.objectContaining({}),
      }),
    ]);
    expect(live(image.mediaId)).toBe(true);

    const bad = await runCli(['doctor', '--profile', 'nope', '--data-dir', dataDir, ...connection], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('There is no profile named "nope"');
  });
});
