import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { BRIDGE_GLOBAL } from '../../shared/ipc/bridge';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld(
  BRIDGE_GLOBAL,
  createBridge(ipcRenderer, (file) => webUtils.getPathForFile(file as File)),
);
