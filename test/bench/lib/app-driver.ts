import type { AppServices, DesktopHooks } from '../../../electron/core/app/app-services';
import {
  createAppServicesWithInternals,
  type AppInternals,
  type CreateAppServicesOptions,
} from '../../../electron/core/app/create-app-services';
import { createDispatcher, type Dispatch } from '../../../electron/core/ipc/dispatcher';
import { saveEmulatorProfile } from '../../helpers/emulator-profile';
import { Redactor } from '../../../electron/core/log/redactor';
import type { Settings } from '../../../shared/domain/settings';
import type { EmulatorConfig } from '../../emulator/index';

const desktop: DesktopHooks = {
  openFiles: async () => [],
  openFolder: async () => [],
  showInFolder: async () => undefined,
};

export type AppOptions = Pick<
  CreateAppServicesOptions,
  'dataDir' | 'engine' | 'credentialMarginMs' | 'autoStart' | 'logger'
>;

export interface AppDriver {
  readonly services: AppServices;
  readonly internals: AppInternals;
  readonly dispatch: Dispatch;
  call<T>(channel: string, payload: unknown): Promise<T>;
}

/** The composition root, driven through the contract exactly as the renderer and the CLI drive it. */
export async function openApp(options: AppOptions): Promise<AppDriver> {
  const { services, internals } = await createAppServicesWithInternals({
    ...options,
    redactor: new Redactor(),
    desktop,
    vodStatusPollMs: 0,
  });
  const dispatch = createDispatcher(services.handlers);
  return {
    services,
    internals,
    dispatch,
    async call<T>(channel: string, payload: unknown): Promise<T> {
      const result = await dispatch(channel, payload);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value as T;
    },
  };
}

/** Saves an AccessKey profile for the emulator as the default and applies the engine limits. */
export async function configure(
  app: AppDriver,
  config: EmulatorConfig,
  settings: Partial<Pick<Settings, 'partSize' | 'partsInFlight' | 'filesAtOnce' | 'bandwidthLimit'>>,
): Promise<void> {
  await saveEmulatorProfile(app.dispatch, config, settings);
}

const TERMINAL = new Set(['done', 'failed', 'canceled', 'source-missing']);

/** Resolves when every job is in an end state (or the deadline passes: the rest are "stuck"). */
export async function waitForEndStates(app: AppDriver, deadline: number, pollMs = 50): Promise<void> {
  for (;;) {
    const jobs = app.internals.store.jobs.list();
    if (jobs.length > 0 && jobs.every((j) => TERMINAL.has(j.status.state))) return;
    if (Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

export function isTerminal(state: string): boolean {
  return TERMINAL.has(state);
}
