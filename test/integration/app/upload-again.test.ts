import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppHarness, waitFor } from '../../helpers/app-harness';

/**
 * "Upload again" queues a file with everything it was first queued with (every metadata field and its
 * folder under the drop), not with the batch options of the moment. Checked on the create call the
 * emulator received and on the history row (real services, real SQLite, the contract).
 */
describe('upload again keeps what the file was queued with', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await AppHarness.start({ prefix: 'vod-again-', profileSettings: {} });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const done = (id: string) => h.internals.store.jobs.get(id)?.status.state === 'done';
  const params = (jobId: string) => {
    const job = h.internals.store.jobs.get(jobId)!;
    return h.emulator.state().media.find((m) => m.mediaId === job.mediaId)!.params;
  };

  it('sends the same title, description, tags and user data, under the same folder', async () => {
    const card = join(h.root, 'Shoot', 'Day 1', 'Card A');
    await mkdir(card, { recursive: true });
    await writeFile(join(card, 'A001.mp4'), 'first take');
    const options = {
      titleTemplate: 'Again {name}',
      description: 'Kept for the second upload',
      tags: ['keynote', 'day1'],
      userData: JSON.stringify({ Extend: { project: 'launch' } }),
    };
    const first = await h.call<{ jobIds: string[] }>('queue:add', {
      paths: [join(h.root, 'Shoot', 'Day 1')],
      options,
    });
    const [firstId] = first.jobIds;
    await waitFor(() => done(firstId!));

    const again = await h.call<{ added: number; jobIds: string[] }>('queue:upload-again', { ids: [firstId] });
    expect(again.added).toBe(1);
    const [againId] = again.jobIds;
    expect(againId).not.toBe(firstId);
    expect(h.internals.store.jobs.get(firstId!)).toBeUndefined();
    await waitFor(() => done(againId!));

    const sent = params(againId!);
    expect(sent['Title']).toBe('Again A001');
    expect(sent['Description']).toBe('Kept for the second upload');
    expect(sent['Tags']).toBe('keynote,day1');
    expect(sent['UserData']).toContain('"project":"launch"');
    // Both uploads are in history, under the folder the file was dropped in.
    const history = h.internals.store.history.list({ query: 'A001', limit: 10 }).rows;
    expect(history.map((r) => r.relativeDir)).toEqual(['Day 1/Card A', 'Day 1/Card A']);
  });
});
