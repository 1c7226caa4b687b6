import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/index';
import { cliTrustEnv } from '../../helpers/emulator-trust';
import { cleanEnv } from './cli-process';

/** What every CLI test starts from: an emulator, a temp root with an empty HOME, and an environment holding only
 * the emulator's key and the trust of its throwaway certificate. */
export interface CliRig {
  readonly emulator: RunningEmulator;
  /** A temp folder for the test's files and data dirs; removed by stop(). */
  readonly root: string;
  readonly home: string;
  readonly env: NodeJS.ProcessEnv;
  /** `--endpoint … --region …` for the emulator. */
  readonly connection: string[];
  stop(): Promise<void>;
}

export async function startCliRig(
  name: string,
  options: { emulator?: EmulatorOptions; env?: Record<string, string> } = {},
): Promise<CliRig> {
  const emulator = await startEmulator({ port: 0, ...options.emulator });
  const root = await mkdtemp(join(tmpdir(), `vod-cli-${name}-`));
  const home = join(root, 'home');
  await mkdir(home);
  const env = cleanEnv(home, {
    ...cliTrustEnv(emulator.config),
    ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.config.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.config.accessKeySecret,
    ...options.env,
  });
  const connection = ['--endpoint', emulator.config.vodEndpoint, '--region', emulator.config.regionId];
  return {
    emulator,
    root,
    home,
    env,
    connection,
    async stop() {
      await emulator.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
