import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres-database';
import type { CliRun } from './cli-process';

/**
 * What every team CLI test starts from (as cli-rig.ts is for the CLI tests): a temp root, an emulator, a test
 * database on the PostgreSQL server, and the worker processes the test started, killed if still running at
 * stop() (a failed assertion must not leave a worker uploading).
 */
export interface TeamRig {
  readonly root: string;
  readonly emulator: RunningEmulator;
  readonly db: TestDatabase;
  /** Push every worker started; stop() kills those still running. */
  readonly running: CliRun[];
  stop(): Promise<void>;
}

export async function startTeamRig(name: string): Promise<TeamRig> {
  const root = await mkdtemp(join(tmpdir(), `vod-team-${name}-`));
  const emulator = await startEmulator({ port: 0 });
  const db = await createTestDatabase(`team${name}`);
  const running: CliRun[] = [];
  return {
    root,
    emulator,
    db,
    running,
    async stop() {
      for (const run of running) if (run.child.exitCode === null) run.child.kill('SIGKILL');
      await emulator.stop();
      await db.drop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
