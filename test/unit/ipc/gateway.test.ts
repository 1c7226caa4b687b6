import { beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, type InvokeChannel } from '../../../shared/ipc/contract';
import { IpcErrorCode, type Result } from '../../../shared/ipc/result';
import { createDispatcher, type ContractHandlers } from '../../../electron/core/ipc/dispatcher';
import { AppError } from '../../../electron/core/base/app-error';
import { FakeWebContents, FakeWebFrameMain, ipcMain, resetFakeElectron } from '../../helpers/fake-electron';

vi.mock('electron', () => import('../../helpers/fake-electron'));

const { createSenderCheck, registerInvokeHandlers, sendEvent } =
  await import('../../../electron/main/ipc/gateway');

const APP_URL = 'file:///app/index.html';

/** Handlers that record their calls and answer with a valid response for each channel. */
function recordingHandlers() {
  const calls: Array<{ channel: InvokeChannel; request: unknown }> = [];
  const okValue = { ok: true as const };
  const totals = { jobs: 0, active: 0, bytesTotal: 0, bytesDone: 0, speed: 0, etaSeconds: null, counts: {} };
  const settings = {
    filesAtOnce: 3,
    partsInFlight: 8,
    bandwidthLimit: 0,
    partSize: 8 * 1024 * 1024,
    preventSleep: true,
    notifications: true,
    autoResume: true,
    language: 'system' as const,
    theme: 'system' as const,
  };
  const cleanupReport = {
    profileId: null,
    profileName: 'env',
    checkedAt: 1,
    media: [],
    uploads: [],
    pending: [],
    limits: [],
  };
  const answers: { [C in InvokeChannel]: unknown } = {
    'app:pending-paths': { paths: [] },
    'queue:add': { added: 0, bytes: 0, skipped: [], duplicates: [], jobIds: [] },
    'queue:add-urls': { added: 0, bytes: 0, skipped: [], duplicates: [], jobIds: [] },
    'queue:check-urls': { lines: [] },
    'queue:list': { jobs: [], totals, more: false },
    'queue:pause': okValue,
    'queue:resume': okValue,
    'queue:cancel': okValue,
    'queue:retry': okValue,
    'queue:remove': okValue,
    'queue:upload-again': { added: 0, bytes: 0, skipped: [], duplicates: [], jobIds: [] },
    'queue:reorder': okValue,
    'queue:pause-all': okValue,
    'queue:resume-all': okValue,
    'queue:retry-failed': okValue,
    'queue:clear-finished': okValue,
    'history:list': { rows: [], total: 0 },
    'history:export': { fileName: 'h.csv', mimeType: 'text/csv', content: '' },
    'profiles:list': [],
    'profiles:save': {
      id: 'p1',
      name: 'n',
      kind: 'access-key',
      region: 'cn-shanghai',
      defaults: { titleTemplate: '{name}', tags: [] },
      hasSecret: true,
      createdAt: 1,
      updatedAt: 1,
    },
    'profiles:delete': okValue,
    'profiles:test': { verdict: 'ok', message: 'fine' },
    'presets:list': [],
    'presets:save': { name: 'p', options: {}, updatedAt: 1 },
    'presets:delete': okValue,
    'presets:export': { fileName: 'p.json', mimeType: 'application/json', content: '{}' },
    'presets:import': { imported: [], withoutProfile: [] },
    'watch:list': [],
    'watch:add': {
      id: 'w1',
      path: '/ingest',
      preset: null,
      options: {},
      paused: false,
      rules: [],
      afterUpload: 'leave',
      addedAt: 1,
      state: 'watching',
      pending: 0,
      queued: 0,
      alreadyKnown: 0,
      lastActivityAt: null,
      lastError: null,
    },
    'watch:update': {
      id: 'w1',
      path: '/ingest',
      preset: null,
      options: {},
      paused: true,
      rules: [],
      afterUpload: 'leave',
      addedAt: 1,
      state: 'paused',
      pending: 0,
      queued: 0,
      alreadyKnown: 0,
      lastActivityAt: null,
      lastError: null,
    },
    'watch:remove': okValue,
    'cleanup:check': cleanupReport,
    'cleanup:fix': { removedMedia: [], abortedUploads: [], failed: [], report: cleanupReport },
    'cleanup:pending': { pending: [] },
    'cleanup:retry': { pending: [] },
    'team:get': { configured: false, url: null, hasPassword: false },
    'team:save': { configured: true, url: 'postgres://u@h/db', hasPassword: true },
    'team:clear': okValue,
    'team:test': {
      verdict: 'ok',
      message: 'fine',
      schemaVersion: 1,
      knownVersion: 1,
      applied: [],
      counts: null,
      serverVersion: '15',
    },
    'team:history': { rows: [], total: 0 },
    'settings:get': settings,
    'settings:set': settings,
    'dialog:open-files': { paths: [] },
    'dialog:open-folder': { paths: [] },
    'shell:show-in-folder': okValue,
  };
  const handlers = Object.fromEntries(
    INVOKE_CHANNELS.map((channel) => [
      channel,
      (request: unknown) => {
        calls.push({ channel, request });
        return answers[channel];
      },
    ]),
  ) as unknown as ContractHandlers;
  return { handlers, calls };
}

describe('IPC gateway', () => {
  let app: FakeWebContents;
  let calls: Array<{ channel: InvokeChannel; request: unknown }>;

  beforeEach(() => {
    resetFakeElectron();
    app = new FakeWebContents(APP_URL);
    const recorded = recordingHandlers();
    calls = recorded.calls;
    registerInvokeHandlers(
      createDispatcher(recorded.handlers),
      createSenderCheck(() => app as never, 'file:///app/') as never,
    );
  });

  it('registers a handler for every contract channel and nothing else', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('refuses an unknown channel', async () => {
    await expect(ipcMain.invoke('fs:read', app, app.mainFrame, {})).rejects.toThrow(/No handler registered/);
    const dispatch = createDispatcher(recordingHandlers().handlers);
    const result = await dispatch('fs:read', {});
    expect(result).toMatchObject({ ok: false, error: { code: IpcErrorCode.UnknownChannel } });
    expect(await dispatch('__proto__', {})).toMatchObject({ ok: false });
    expect(await dispatch('toString', {})).toMatchObject({ ok: false });
  });

  it('rejects an invalid payload with a clear error before any service runs', async () => {
    const result = (await ipcMain.invoke('queue:add', app, app.mainFrame, {
      paths: 'not-a-list',
    })) as Result<unknown>;
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(IpcErrorCode.InvalidRequest);
    expect(result.error.message).toMatch(/queue:add.*paths/);
    const extra = (await ipcMain.invoke('queue:pause', app, app.mainFrame, {
      ids: ['a'],
      evil: 1,
    })) as Result<unknown>;
    expect(extra.ok).toBe(false);
    expect(calls).toEqual([]);
  });

  it('passes a valid payload, with defaults filled in, to the service', async () => {
    const result = await ipcMain.invoke('queue:add', app, app.mainFrame, { paths: ['/media/a.mp4'] });
    expect(result).toMatchObject({ ok: true, value: { added: 0 } });
    expect(calls).toEqual([
      { channel: 'queue:add', request: { paths: ['/media/a.mp4'], options: {}, force: false } },
    ]);
  });

  it('refuses a sender that is not the app window', async () => {
    const stranger = new FakeWebContents(APP_URL);
    const fromStranger = await ipcMain.invoke('settings:get', stranger, stranger.mainFrame, {});
    expect(fromStranger).toMatchObject({ ok: false, error: { code: IpcErrorCode.ForbiddenSender } });
    const subframe = new FakeWebFrameMain(APP_URL);
    expect(await ipcMain.invoke('settings:get', app, subframe, {})).toMatchObject({ ok: false });
    const navigated = new FakeWebContents('https://evil.example/');
    app = navigated;
    expect(await ipcMain.invoke('settings:get', navigated, navigated.mainFrame, {})).toMatchObject({
      ok: false,
      error: { code: IpcErrorCode.ForbiddenSender },
    });
    expect(calls).toEqual([]);
  });

  it('turns service errors into values', async () => {
    const { handlers } = recordingHandlers();
    handlers['profiles:delete'] = () => {
      throw new AppError<string>('PROFILE_IN_USE', 'Profile is used by 3 queued jobs', { requestId: 'r-1' });
    };
    handlers['settings:get'] = () => {
      throw new TypeError('boom');
    };
    const dispatch = createDispatcher(handlers);
    expect(await dispatch('profiles:delete', { id: 'p' })).toEqual({
      ok: false,
      error: { code: 'PROFILE_IN_USE', message: 'Profile is used by 3 queued jobs', requestId: 'r-1' },
    });
    expect(await dispatch('settings:get', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('strips fields the contract does not declare from responses', async () => {
    const { handlers } = recordingHandlers();
    const leaky = {
      id: 'p1',
      name: 'n',
      kind: 'access-key',
      region: 'cn-shanghai',
      defaults: { titleTemplate: '{name}', tags: [] },
      hasSecret: true,
      createdAt: 1,
      updatedAt: 1,
      accessKeySecret: 'SHOULD-NOT-LEAVE-MAIN',
    };
    handlers['profiles:list'] = () => [leaky] as never;
    const result = await createDispatcher(handlers)('profiles:list', {});
    expect(JSON.stringify(result)).not.toContain('SHOULD-NOT-LEAVE-MAIN');
  });

  it('validates events and skips destroyed windows', () => {
    expect(sendEvent(app as never, 'app:open-paths', { paths: ['/a.mp4'] })).toBe(true);
    expect(app.sent).toEqual([{ channel: 'app:open-paths', payload: { paths: ['/a.mp4'] } }]);
    expect(() => sendEvent(app as never, 'app:open-paths', { paths: 'x' } as never)).toThrow();
    app.destroyed = true;
    expect(sendEvent(app as never, 'app:open-paths', { paths: [] })).toBe(false);
  });
});
