import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers/harness';

/**
 * The settings UI wiring (form → profiles:save → list → profiles:test verdict; secrets never echoed) on the
 * dev services. The same flow against the emulator's real credential check is in upload-flow.test.ts.
 */
describe('settings UI (dev services)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ services: 'dev' });
  });
  afterAll(async () => h?.close());

  it('creates a profile, tests it, and never shows the secret again', async () => {
    const secret = 'dev-secret-value-1234567890';
    await h.app.openTab('Settings');
    await h.page.getByRole('button', { name: 'Add profile' }).click();
    const form = h.page.getByRole('form', { name: 'Add profile' });
    await form.getByLabel('Name', { exact: true }).fill('Archive');
    await form.getByLabel('AccessKey ID').fill('LTAI5tArchiveKey0001');
    const secretField = form.getByLabel('AccessKey secret');
    expect(await secretField.getAttribute('type')).toBe('password');
    await secretField.fill(secret);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => form.getByTestId('verdict').getAttribute('data-verdict')).toBe('ok');
    await form.getByRole('button', { name: 'Save profile' }).click();

    const item = h.page.locator('.profile-item', { hasText: 'Archive' });
    await item.waitFor();
    expect(await item.textContent()).toContain('LTAI****0001');
    await item.getByRole('button', { name: 'Edit' }).click();
    const edit = h.page.getByRole('form', { name: 'Edit: Archive' });
    expect(await edit.getByLabel('AccessKey secret').inputValue()).toBe('');
    expect(await edit.getByText('A secret is stored; leave empty to keep it').count()).toBe(1);
    expect(await h.page.content()).not.toContain(secret);

    // A bad field is named, not silently dropped.
    await edit.getByLabel('AccessKey ID').fill('LTAI5tArchiveKey0001');
    await edit.getByLabel('Region', { exact: true }).fill('');
    await edit.getByRole('button', { name: 'Save profile' }).click();
    // …by its label, as a sentence (not zod's "region: Too small…").
    await expect.poll(() => edit.locator('.error-text').textContent()).toBe('Region is required.');
  });

  it('shows which profile is the default and makes another one the default', async () => {
    await h.app.openTab('Settings');
    const item = h.page.locator('.profile-item', { hasText: 'Archive' });
    await item.waitFor();
    expect(await item.getByTestId('default-profile').count()).toBe(0);
    await item.getByRole('button', { name: 'Make default' }).click();
    await item.getByTestId('default-profile').waitFor();
    expect(await item.getByRole('button', { name: 'Make default' }).count()).toBe(0);
    const settings = await h.services.handlers['settings:get']({});
    expect(settings.defaultProfileId).toBe(await item.getAttribute('data-profile-id'));
    // Batch options name the default profile they fall back to.
    await h.app.openTab('Queue');
    await h.page.locator('details.batch-options summary').click();
    expect(await h.page.getByLabel('Profile', { exact: true }).locator('option').first().textContent()).toBe(
      'Default profile (Archive)',
    );
  });
});
