import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli, summaryOf } from '../integration/cli/cli-process';
import { startHarness, writeMedia, type Harness } from './helpers/harness';
import { cliTrustEnv } from '../helpers/emulator-trust';

/**
 * History search and presets, in Chromium on the real services and the emulator: a clip is found by its
 * folder and by its tag, and a preset saved in the app's Batch options is what the CLI's --preset uploads
 * with (checked on the parameters VOD received).
 */
describe('history and presets (real services + emulator)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ services: 'real' });
  });
  afterAll(async () => h?.close());

  async function setBatch(fields: Record<string, string>) {
    const panel = h.page.locator('details.batch-options');
    if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
    for (const [label, value] of Object.entries(fields))
      await panel.getByLabel(label, { exact: true }).fill(value);
  }

  it('finds a clip by its folder and by its tag; the file shows with its relative path', async () => {
    await writeMedia(join(h.mediaDir, 'Day 1'), {
      'Card A/A001.mp4': 300 * 1024,
      'Card B/B001.mp4': 200 * 1024,
    });
    await writeMedia(join(h.mediaDir, 'Day 2'), { 'C001.mp4': 100 * 1024 });
    await setBatch({ 'Tags (comma-separated)': 'keynote, day-one' });
    await h.app.dropPaths([join(h.mediaDir, 'Day 1')]);
    await h.app.waitForRowState('A001.mp4', ['done']);
    await h.app.waitForRowState('B001.mp4', ['done']);
    await setBatch({ 'Tags (comma-separated)': 'panel' });
    await h.app.dropPaths([join(h.mediaDir, 'Day 2')]);
    await h.app.waitForRowState('C001.mp4', ['done']);

    await h.app.openTab('History');
    const search = h.page.getByRole('searchbox', { name: 'Search history' });
    const names = () =>
      h.page
        .locator('.history-table tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.querySelector('td:nth-child(4)')?.textContent ?? '').sort());
    await search.fill('Day 1');
    await expect.poll(names).toEqual(['Day 1/Card A/A001.mp4', 'Day 1/Card B/B001.mp4']);
    await search.fill('day-one');
    await expect.poll(names).toEqual(['Day 1/Card A/A001.mp4', 'Day 1/Card B/B001.mp4']);
    await search.fill('panel');
    await expect.poll(names).toEqual(['Day 2/C001.mp4']);
    // The tags show in the row, and a search that finds nothing says what was searched.
    expect(await h.page.locator('.history-table tbody tr').first().textContent()).toContain('panel');
    await search.fill('Day 9');
    await expect
      .poll(() => h.page.getByTestId('history-empty').textContent())
      .toContain('No uploads match “Day 9”');
    await search.fill('');
    await h.app.openTab('Queue');
  });

  it('a preset saved in the app is the one the CLI uploads with', async () => {
    await setBatch({
      'Tags (comma-separated)': 'launch, cli',
      'Title template': 'Launch {name}',
      Description: 'From the app preset',
      'User data (JSON)': '{"Extend":{"source":"app"}}',
    });
    await h.page.getByLabel('Preset name', { exact: true }).fill('Launch day');
    await h.page.getByRole('button', { name: 'Save as preset' }).click();
    await expect.poll(() => h.app.announcer().textContent()).toContain('Preset “Launch day” saved');

    // The app leaves the data dir (one engine per queue), then the CLI uploads with the preset.
    const real = h.real!;
    await h.services.shutdown();
    const folder = join(h.mediaDir, 'From CLI');
    await writeMedia(folder, { 'D001.mp4': 150 * 1024 });
    // The emulator serves OSS over HTTPS with a throwaway certificate: the CLI trusts it as a user would.
    const env = { ...cleanEnv(h.mediaDir), ...cliTrustEnv(real.emulator.config) };
    const result = await runCli(
      [
        'upload',
        folder,
        '--preset',
        'Launch day',
        '--json',
        '--data-dir',
        real.dataDir,
        '--endpoint',
        real.emulator.config.vodEndpoint,
        '--region',
        real.emulator.config.regionId,
      ],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    const mediaId = summaryOf(result.stdout).done[0]!.mediaId;
    expect(real.emulator.state().media.find((m) => m.mediaId === mediaId)?.params).toMatchObject({
      Title: 'Launch D001',
      Tags: 'launch,cli',
      Description: 'From the app preset',
      // With the uploader's marker added to Extend (upload-marker.ts).
      UserData: expect.stringMatching(/^\{"Extend":\{"source":"app","VodUploader":"\w+"\}\}$/),
    });
  });
});
