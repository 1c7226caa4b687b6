import { ipcMain, type IpcMainInvokeEvent, type WebContents, type WebFrameMain } from 'electron';
import {
  eventChannels,
  INVOKE_CHANNELS,
  type EventChannel,
  type EventPayload,
} from '../../../shared/ipc/contract';
import { err, IpcErrorCode, type Result } from '../../../shared/ipc/result';
import type { Dispatch } from '../../core/ipc/dispatcher';

/**
 * The only file in the main process that touches ipcMain or webContents.send (lint enforces it).
 * Every invoke is checked for its sender before the dispatcher validates it and calls a service.
 */

export type SenderCheck = (frame: WebFrameMain | null, sender: WebContents) => boolean;

export function registerInvokeHandlers(dispatch: Dispatch, isTrustedSender: SenderCheck) {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event.senderFrame, event.sender)) {
        return err(IpcErrorCode.ForbiddenSender, 'This window may not call the app');
      }
      return dispatch(channel, payload);
    });
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** Sends a contract event after validating it; a destroyed window is skipped, not an error. */
export function sendEvent<E extends EventChannel>(target: WebContents, channel: E, payload: EventPayload<E>) {
  if (target.isDestroyed()) return false;
  const parsed = eventChannels[channel].parse(payload);
  target.send(channel, parsed);
  return true;
}

/**
 * Trusts only the main frame of the app's own window, loaded from the app's own origin. The expected URL
 * prefix is the packaged file:// index or the dev server.
 */
export function createSenderCheck(getAppWebContents: () => WebContents | null, appUrlPrefix: string) {
  return (frame: WebFrameMain | null, sender: WebContents): boolean => {
    const app = getAppWebContents();
    if (!app || sender !== app || !frame) return false;
    if (frame !== sender.mainFrame) return false;
    return frame.url.startsWith(appUrlPrefix);
  };
}
