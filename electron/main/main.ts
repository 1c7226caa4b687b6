import { createAppServices } from '../core/app/create-app-services';
import { startDesktopApp } from './start-desktop-app';

/** The Electron entry point (bundled to out/main/main.cjs): wiring only, see start-desktop-app.ts. */
void startDesktopApp({ createServices: (env) => createAppServices(env) });
