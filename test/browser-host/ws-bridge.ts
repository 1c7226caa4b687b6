/**
 * Installed into the page by the browser host (bundled with esbuild, loaded before the renderer's own
 * script): a `window.vodUploader` with the same shape as the Electron preload's, carried over a loopback
 * WebSocket. The token comes from the page URL (?token=…); the host rejects any other token or origin.
 *
 * The one difference from Electron: Chromium gives dropped files no real paths, so getPathForFile reads a
 * `vodPath` property that the e2e test's synthesised drop puts on each File (or a File whose name is an
 * absolute path). Real user drops in the preview therefore yield no path: the renderer says so and offers
 * its preview path field instead.
 */
import {
  BRIDGE_GLOBAL,
  type PreviewMedia,
  type DroppedFile,
  type EventBridge,
  type InvokeBridge,
  type RendererBridge,
} from '../../shared/ipc/bridge';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../shared/ipc/contract';
import { err, IpcErrorCode, type Result } from '../../shared/ipc/result';
import { ServerMessageSchema, WS_PATH, type ClientMessage } from './ws-protocol';

type Pending = { resolve: (result: Result<unknown>) => void };

/** Set by the host when it bundles this script (esbuild `define`): where the preview's media comes from. */
declare const __VOD_PREVIEW_MEDIA__: PreviewMedia | null;

function installBridge(): void {
  const token =
    new URLSearchParams(location.search).get('token') ?? sessionStorage.getItem('vod-host-token') ?? '';
  sessionStorage.setItem('vod-host-token', token);
  const url = `ws://${location.host}${WS_PATH}?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const outbox: string[] = [];
  const connectionListeners = new Set<(connected: boolean) => void>();
  let connected: boolean | null = null;
  const setConnected = (now: boolean) => {
    if (connected === now) return;
    // The first successful open is not news; only a drop and the return after it are.
    const news = connected !== null || !now;
    connected = now;
    if (news) for (const listener of connectionListeners) listener(now);
  };
  let nextId = 1;
  let socket: WebSocket;

  const connect = () => {
    socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      setConnected(true);
      for (const message of outbox.splice(0)) socket.send(message);
    });
    socket.addEventListener('message', (event) => {
      const parsed = ServerMessageSchema.safeParse(JSON.parse(String(event.data)));
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === 'result') {
        pending.get(message.id)?.resolve(message.result as Result<unknown>);
        pending.delete(message.id);
      } else {
        for (const listener of listeners.get(message.channel) ?? []) listener(message.payload);
      }
    });
    socket.addEventListener('close', () => {
      setConnected(false);
      for (const [id, entry] of pending) {
        entry.resolve(err(IpcErrorCode.Transport, 'The browser host closed the connection'));
        pending.delete(id);
      }
      setTimeout(connect, 500);
    });
  };
  connect();

  const invoke = Object.fromEntries(
    INVOKE_CHANNELS.map((channel) => [
      channel,
      (payload: unknown) =>
        new Promise<Result<unknown>>((resolve) => {
          const id = nextId++;
          pending.set(id, { resolve });
          const message: ClientMessage = { type: 'invoke', id, channel, payload: payload ?? {} };
          const text = JSON.stringify(message);
          if (socket.readyState === WebSocket.OPEN) socket.send(text);
          else outbox.push(text);
        }),
    ]),
  ) as InvokeBridge;

  const events = Object.fromEntries(
    EVENT_CHANNELS.map((channel) => [
      channel,
      (listener: (payload: unknown) => void) => {
        const set = listeners.get(channel) ?? new Set();
        listeners.set(channel, set);
        set.add(listener);
        return () => {
          set.delete(listener);
        };
      },
    ]),
  ) as EventBridge;

  const bridge: RendererBridge = Object.freeze({
    invoke: Object.freeze(invoke),
    events: Object.freeze(events),
    getPathForFile: (file: DroppedFile) => {
      const tagged = (file as { vodPath?: unknown }).vodPath;
      if (typeof tagged === 'string') return tagged;
      return file.name.startsWith('/') ? file.name : '';
    },
    preview: Object.freeze({
      media: __VOD_PREVIEW_MEDIA__,
      onConnection: (listener: (connected: boolean) => void) => {
        connectionListeners.add(listener);
        return () => {
          connectionListeners.delete(listener);
        };
      },
    }),
  });
  Object.defineProperty(window, BRIDGE_GLOBAL, { value: bridge, writable: false, configurable: false });
}

installBridge();
