import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppServices, DesktopHooks } from '../../electron/core/app/app-services';
import {
  createAppServicesWithInternals,
  type AppInternals,
  type CreateAppServicesOptions,
} from '../../electron/core/app/create-app-services';
import { createDispatcher, type Dispatch } from '../../electron/core/ipc/dispatcher';
import { nullLogger } from '../../electron/core/log/logger';
import { Redactor } from '../../electron/core/log/redactor';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator/index';
import { saveEmulatorProfile } from './emulator-profile';
import { engineTrust } from './emulator-trust';

/** The desktop as the tests see it: no dialogs to open, no file manager to show. */
export const noDesktop: DesktopHooks = {
  openFiles: async () => [],
  openFolder: async () => [],
  showInFolder: async () => undefined,
};

/** Options of the app services beyond what the harness sets (data dir, desktop, the emulator's certificate). */
export type AppOptions = Partial<Omit<CreateAppServicesOptions, 'dataDir' | 'desktop'>>;

export interface AppHarnessOptions {
  /** Prefix of the temporary folder (`root`). */
  readonly prefix: string;
  /** Beyond the emulator's default mode (V4 only, narrow policy, HTTPS, virtual-hosted). */
  readonly emulator?: EmulatorOptions;
  /** Beyond `vodStatusPollMs: 0` and the emulator's certificate; a function when they depend on `root`. */
  readonly app?: AppOptions | ((root: string) => AppOptions);
  /** Given: an AccessKey profile for the emulator is saved as the default, with these settings. */
  readonly profileSettings?: Record<string, unknown>;
}

/** Polls until `predicate` holds; throws after `timeoutMs`. */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
  intervalMs = 50,
): Promise<void> {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * The real app services (a real SQLite file in a temporary folder) against a real emulator, driven through
 * the contract as a renderer would. `closeApp` / `openApp` restart the services on the same data.
 */
export class AppHarness {
  public services!: AppServices;
  public internals!: AppInternals;
  public dispatch!: Dispatch;
  /** The emulator profile saved at start (`profileSettings`). */
  public profileId: string | undefined;
  private running = false;

  private constructor(
    public readonly emulator: RunningEmulator,
    /** The temporary folder: the app's data is in `dataDir` inside it, the test's files anywhere else. */
    public readonly root: string,
    private readonly appOptions: CreateAppServicesOptions,
  ) {}

  public static async start(options: AppHarnessOptions): Promise<AppHarness> {
    const emulator = await startEmulator(options.emulator);
    const root = await mkdtemp(join(tmpdir(), options.prefix));
    const extra = typeof options.app === 'function' ? options.app(root) : (options.app ?? {});
    const harness = new AppHarness(emulator, root, {
      redactor: new Redactor(),
      logger: nullLogger,
      vodStatusPollMs: 0,
      ...extra,
      dataDir: join(root, 'data'),
      desktop: noDesktop,
      engine: { ...engineTrust(emulator.config), ...extra.engine },
    });
    await harness.openApp();
    if (options.profileSettings) {
      harness.profileId = await saveEmulatorProfile(
        harness.dispatch,
        emulator.config,
        options.profileSettings,
      );
    }
    return harness;
  }

  public get dataDir(): string {
    return this.appOptions.dataDir;
  }

  public async openApp(): Promise<void> {
    ({ services: this.services, internals: this.internals } = await createAppServicesWithInternals(
      this.appOptions,
    ));
    this.dispatch = createDispatcher(this.services.handlers);
    this.running = true;
  }

  public async closeApp(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.services.shutdown();
  }

  /** Dispatches through the contract; a refusal throws with its code and message. */
  public async call<T>(channel: string, payload: unknown): Promise<T> {
    const result = await this.dispatch(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }

  public async stop(): Promise<void> {
    await this.closeApp();
    await this.emulator.stop();
    await rm(this.root, { recursive: true, force: true });
  }
}
