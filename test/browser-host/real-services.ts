import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppServices, DesktopHooks } from '../../electron/core/app/app-services';
import { createAppServices } from '../../electron/core/app/create-app-services';
import { createDispatcher } from '../../electron/core/ipc/dispatcher';
import { nullLogger } from '../../electron/core/log/logger';
import { Redactor } from '../../electron/core/log/redactor';
import { directProxyResolver } from '../../electron/core/net/proxy-resolver';
import { saveEmulatorProfile } from '../helpers/emulator-profile';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator/index';
import { engineTrust } from '../helpers/emulator-trust';

export interface RealStack {
  readonly services: AppServices;
  readonly emulator: RunningEmulator;
  readonly dataDir: string;
  /** The id of the profile saved for the emulator. */
  readonly profileId: string;
  close(): Promise<void>;
}

/** The real main-process services on a temporary data dir, with a default profile for a fresh emulator. */
export async function startRealStack(
  desktop: DesktopHooks,
  emulatorOptions: EmulatorOptions = {},
): Promise<RealStack> {
  const emulator = await startEmulator({ port: 0, ...emulatorOptions });
  const dataDir = await mkdtemp(join(tmpdir(), 'vod-preview-data-'));
  let services: AppServices;
  try {
    services = await createAppServices({
      dataDir,
      desktop,
      engine: engineTrust(emulator.config),
      logger: nullLogger,
      redactor: new Redactor(),
      resolveProxy: directProxyResolver,
    });
  } catch (e) {
    await emulator.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  }
  const dispatch = createDispatcher(services.handlers);
  const profileId = await saveEmulatorProfile(dispatch, emulator.config);
  return {
    services,
    emulator,
    dataDir,
    profileId,
    async close() {
      await services.shutdown();
      await emulator.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
