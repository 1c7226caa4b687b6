import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamQueue } from '../../electron/core/team/team-queue';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres-server';
import { startHarness, type Harness } from './helpers/harness';

/**
 * Settings → Team queue and the team history in Chromium, on the real services and a real PostgreSQL server
 * that asks for a password: the password typed in never comes back to the page.
 */
const PASSWORD = 'E2e-team-pw-5521';

describe('team queue UI (real services, real PostgreSQL)', () => {
  let h: Harness;
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startTestPostgres({ password: PASSWORD });
    h = await startHarness({ services: 'real' });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await server?.stop();
  });

  it('saves the connection, sets up the database, reports the queue, and shows who uploaded what', async () => {
    const withPassword = server.url;
    const passwordFree = withPassword.replace(`:${PASSWORD}@`, '@');
    await h.app.openTab('Settings');
    const section = h.page.getByTestId('team-queue-settings');
    await section.getByLabel('Connection string').fill(withPassword);
    await section.getByRole('button', { name: 'Save' }).click();
    // Shown back without the password; the password field stays empty and says one is saved.
    await expect.poll(() => section.getByLabel('Connection string').inputValue()).toBe(passwordFree);
    expect(await section.getByLabel('Password').inputValue()).toBe('');
    expect(await section.getByLabel('Password').getAttribute('placeholder')).toContain('Saved');

    await section.getByRole('button', { name: 'Test connection' }).click();
    const verdict = section.getByTestId('team-verdict');
    await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('schema-missing');
    await section.getByRole('button', { name: 'Set up the database' }).click();
    await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('ok');
    expect(await verdict.textContent()).toContain('Connected: 0 queued');

    // A worker elsewhere uploads a file through the team queue.
    const pool = new pg.Pool({ connectionString: withPassword, max: 1 });
    const worker = createTeamQueue(pool, { id: 'worker-7f3', machine: 'edit-suite-2' }, 60_000);
    await worker.enqueue([
      {
        id: 'team-job-1',
        path: '/mnt/nas/archive/render-01.mov',
        name: 'render-01.mov',
        kind: 'video',
        size: 5_000_000,
        mtimeMs: 1_700_000_000_000,
        fingerprint: null,
        destination: 'studio/cn-shanghai',
        title: 'render-01',
        metadata: { titleTemplate: '{name}', tags: [] },
      },
    ]);
    await worker.claim(1);
    await worker.complete('team-job-1', { mediaId: 'media-render-01', crc64: '1' });
    await pool.end();

    await h.app.openTab('History');
    const team = h.page.getByTestId('team-history');
    const row = team.locator('tr', { hasText: 'media-render-01' });
    await row.waitFor();
    expect(await row.textContent()).toContain('edit-suite-2');
    expect(await row.textContent()).toContain('worker-7f3');

    expect(await h.page.content()).not.toContain(PASSWORD);
    expect(h.app.errors).toEqual([]);
  });
});
