import { writeFile } from 'node:fs/promises';
import { app, dialog, type BrowserWindow } from 'electron';
import type { AppServices } from '../../core/app/app-services';
import { buildDiagnosticsBundle, readLogTails } from '../../core/diagnostics/diagnostics-bundle';
import type { Redactor } from '../../core/log/redactor';

export interface ExportDiagnosticsOptions {
  readonly services: AppServices;
  readonly redactor: Redactor;
  readonly logsDir: string;
  readonly window: BrowserWindow | null;
}

/** Help ▸ Export Diagnostics…: asks where to save, then writes one JSON file. Returns the path, or null. */
export async function exportDiagnostics(options: ExportDiagnosticsOptions): Promise<string | null> {
  const { handlers } = options.services;
  const [settings, queue, profiles] = await Promise.all([
    handlers['settings:get']({}),
    handlers['queue:list']({}),
    handlers['profiles:list']({}),
  ]);
  const now = Date.now();
  const bundle = buildDiagnosticsBundle({
    app: {
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform,
      arch: process.arch,
      versions: {
        electron: process.versions.electron,
        node: process.versions.node,
        chrome: process.versions.chrome,
      },
    },
    settings,
    queue,
    profiles,
    logs: readLogTails(options.logsDir),
    redactor: options.redactor,
    now,
  });
  const defaultPath = `vod-uploader-diagnostics-${new Date(now).toISOString().replace(/[:.]/g, '-')}.json`;
  const saveOptions = {
    title: 'Export Diagnostics',
    defaultPath,
    filters: [{ name: 'JSON', extensions: ['json'] }],
  };
  const choice = options.window
    ? await dialog.showSaveDialog(options.window, saveOptions)
    : await dialog.showSaveDialog(saveOptions);
  if (choice.canceled || !choice.filePath) return null;
  await writeFile(choice.filePath, `${JSON.stringify(bundle, null, 2)}\n`, { mode: 0o600 });
  return choice.filePath;
}
