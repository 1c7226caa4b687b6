import { createAppServices } from '../core/app/create-app-services';
import { SafeStorageCipher } from './secrets/safe-storage-cipher';
import { startDesktopApp } from './start-desktop-app';

/**
 * The Electron entry point (bundled to out/main/main.cjs): wiring only, see start-desktop-app.ts.
 * createServices runs after 'ready', which safeStorage needs.
 */
// The process lives on Electron's event loop; startDesktopApp reports its own failures (failStartup).
void startDesktopApp({
  createServices: (env) => createAppServices({ ...env, secretCipher: new SafeStorageCipher() }),
});
