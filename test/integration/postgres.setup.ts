import type { TestProject } from 'vitest/node';
import { startTestPostgres } from '../helpers/postgres-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of the throwaway server, or '' with `postgresError` saying why there is none. */
    postgresUrl: string;
    postgresError: string;
  }
}

/**
 * One throwaway PostgreSQL server for the whole integration run (the team-queue tests create their own
 * databases in it). Set VOD_TEST_POSTGRES_URL to use a server of your own instead. Without PostgreSQL the
 * other tests still run, and the team-queue tests fail saying what to install.
 */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const own = process.env['VOD_TEST_POSTGRES_URL'];
  if (own) {
    project.provide('postgresUrl', own);
    project.provide('postgresError', '');
    return async () => {};
  }
  try {
    const server = await startTestPostgres();
    project.provide('postgresUrl', server.url);
    project.provide('postgresError', '');
    return () => server.stop();
  } catch (e) {
    project.provide('postgresUrl', '');
    project.provide('postgresError', (e as Error).message);
    return async () => {};
  }
}
