import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  /** "Add files…" / "Add folder…": the renderer opens the dialog and asks for batch options. */
  addFiles(): void;
  addFolder(): void;
  /** Pause / resume go straight to the services, so they work with the window closed too. */
  pauseAll(): void;
  resumeAll(): void;
  exportDiagnostics(): void;
  showLogs(): void;
}

/** The native menu bar. On macOS the first menu is the app menu; elsewhere Quit lives in File. */
export function appMenuTemplate(isMac: boolean, actions: MenuActions): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Add Files…', accelerator: 'CmdOrCtrl+O', click: () => actions.addFiles() },
      { label: 'Add Folder…', accelerator: 'Shift+CmdOrCtrl+O', click: () => actions.addFolder() },
      { type: 'separator' },
      { label: 'Pause All', accelerator: 'CmdOrCtrl+Alt+P', click: () => actions.pauseAll() },
      { label: 'Resume All', accelerator: 'CmdOrCtrl+Alt+R', click: () => actions.resumeAll() },
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'Export Diagnostics…', click: () => actions.exportDiagnostics() },
      { label: 'Show Logs', click: () => actions.showLogs() },
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
