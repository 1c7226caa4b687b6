import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redactor';
import type { ProxyResolver } from '../net/proxy-resolver';
import type { AppServices, DesktopHooks } from './app-services';

/**
 * PLACEHOLDER written by the desktop-shell helper so that main.ts type-checks and bundles; the integrator
 * replaces this file with the real composition root. The options are what the Electron shell provides
 * (see DesktopEnvironment in electron/main/start-desktop-app.ts).
 */
export interface CreateAppServicesOptions {
  readonly dataDir: string;
  readonly logger: Logger;
  readonly redactor: Redactor;
  readonly desktop: DesktopHooks;
  readonly resolveProxy: ProxyResolver;
  readonly sqliteNativeBinding?: string;
}

export function createAppServices(_options: CreateAppServicesOptions): Promise<AppServices> {
  return Promise.reject(
    new Error('createAppServices is not wired yet (electron/core/app/create-app-services.ts).'),
  );
}
