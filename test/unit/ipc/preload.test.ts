import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, type RendererBridge } from '../../../shared/ipc/bridge';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../../shared/ipc/contract';
import { createApiClient } from '../../../renderer/api/client';
import type * as FakeElectron from '../../helpers/fake-electron';

vi.mock('electron', () => import('../../helpers/fake-electron'));

describe('preload bridge', () => {
  let exposed: Record<string, unknown>;
  let ipcRenderer: typeof FakeElectron.ipcRenderer;

  beforeEach(async () => {
    // A fresh module graph per test, so the preload runs again against a clean fake.
    vi.resetModules();
    const fake = (await import('electron')) as unknown as typeof FakeElectron;
    fake.resetFakeElectron();
    exposed = fake.exposed;
    ipcRenderer = fake.ipcRenderer;
    await import('../../../electron/preload/preload');
  });

  function bridge() {
    return exposed[BRIDGE_GLOBAL] as RendererBridge;
  }

  it('exposes exactly the contract channels under one global', () => {
    expect(Object.keys(exposed)).toEqual([BRIDGE_GLOBAL]);
    expect(Object.keys(bridge().invoke).sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(Object.keys(bridge().events).sort()).toEqual([...EVENT_CHANNELS].sort());
    expect(Object.keys(bridge()).sort()).toEqual(['events', 'getPathForFile', 'invoke']);
    expect(Object.isFrozen(bridge().invoke)).toBe(true);
  });

  it('round-trips a call and turns error values into typed results', async () => {
    const seen: unknown[] = [];
    ipcRenderer.target = {
      invoke: async (channel, ...args) => {
        seen.push([channel, ...args]);
        if (channel === 'profiles:delete') return { ok: false, error: { code: 'NOPE', message: 'no' } };
        return { ok: true, value: { paths: ['/x'] } };
      },
    };
    const client = createApiClient(bridge());
    expect(await client.call('dialog:open-files', {})).toEqual({ ok: true, value: { paths: ['/x'] } });
    expect(await client.call('profiles:delete', { id: 'a' })).toEqual({
      ok: false,
      error: { code: 'NOPE', message: 'no' },
    });
    await expect(client.callOrThrow('profiles:delete', { id: 'a' })).rejects.toMatchObject({ code: 'NOPE' });
    expect(seen[0]).toEqual(['dialog:open-files', {}]);
  });

  it('reports a reply that does not match the contract', async () => {
    ipcRenderer.target = { invoke: async () => ({ ok: true, value: { paths: 'nope' } }) };
    const result = await createApiClient(bridge()).call('dialog:open-files', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_RESPONSE' } });
    ipcRenderer.target = { invoke: async () => 'garbage' };
    expect(await bridge().invoke['settings:get']({})).toMatchObject({
      ok: false,
      error: { code: 'IPC_TRANSPORT' },
    });
  });

  it('subscribes to events and unsubscribes', () => {
    const got: unknown[] = [];
    const off = createApiClient(bridge()).on('app:open-paths', (p) => got.push(p));
    ipcRenderer.emit('app:open-paths', {}, { paths: ['/a'] });
    ipcRenderer.emit('app:open-paths', {}, { paths: 42 });
    off();
    ipcRenderer.emit('app:open-paths', {}, { paths: ['/b'] });
    expect(got).toEqual([{ paths: ['/a'] }]);
  });
});
