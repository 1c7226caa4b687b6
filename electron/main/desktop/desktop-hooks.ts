import { dialog, shell, type BrowserWindow, type OpenDialogOptions } from 'electron';
import type { DesktopHooks } from '../../core/app/app-services';

/** The native dialogs and the file manager, for the services (the contract's dialog:* and shell:* channels). */
export function createDesktopHooks(getWindow: () => BrowserWindow | null): DesktopHooks {
  const pick = async (options: OpenDialogOptions) => {
    const win = getWindow();
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  };
  return {
    openFiles: () => pick({ title: 'Add Files', properties: ['openFile', 'multiSelections'] }),
    openFolder: () =>
      pick({ title: 'Add Folder', properties: ['openDirectory', 'multiSelections', 'createDirectory'] }),
    showInFolder: (path) => {
      shell.showItemInFolder(path);
      return Promise.resolve();
    },
  };
}
