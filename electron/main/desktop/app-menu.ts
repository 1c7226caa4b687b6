import type { MenuItemConstructorOptions } from 'electron';
import type { MainText } from '../i18n/main-text';

export interface MenuActions {
  /** "Add files…" / "Add folder…": the renderer opens the dialog and asks for batch options. */
  addFiles(): void;
  addFolder(): void;
  /** "Add links…": the renderer opens its links dialog. */
  addLinks(): void;
  /** Pause / resume go straight to the services, so they work with the window closed too. */
  pauseAll(): void;
  resumeAll(): void;
  exportDiagnostics(): void;
  showLogs(): void;
}

/** The native menu bar. On macOS the first menu is the app menu; elsewhere Quit lives in File. */
export function appMenuTemplate(
  isMac: boolean,
  actions: MenuActions,
  text: MainText['menu'],
): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: text.file,
    submenu: [
      { label: text.addFiles, accelerator: 'CmdOrCtrl+O', click: () => actions.addFiles() },
      { label: text.addFolder, accelerator: 'Shift+CmdOrCtrl+O', click: () => actions.addFolder() },
      { label: text.addLinks, accelerator: 'CmdOrCtrl+L', click: () => actions.addLinks() },
      { type: 'separator' },
      { label: text.pauseAll, accelerator: 'CmdOrCtrl+Alt+P', click: () => actions.pauseAll() },
      { label: text.resumeAll, accelerator: 'CmdOrCtrl+Alt+R', click: () => actions.resumeAll() },
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: text.help,
    submenu: [
      { label: text.exportDiagnostics, click: () => actions.exportDiagnostics() },
      { label: text.showLogs, click: () => actions.showLogs() },
    ],
  };
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    help,
  ];
}
