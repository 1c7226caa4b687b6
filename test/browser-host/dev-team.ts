import { splitTeamUrl } from '../../electron/core/app/team-settings';
import type { ContractHandlers } from '../../electron/core/ipc/dispatcher';
import type { TeamHistoryRow, TeamQueueConfig } from '../../shared/domain/team';

/**
 * DEV ONLY: Settings → Team queue without a server. The URL is kept without its password (like the real
 * service); "Test connection" answers OK with no jobs, and the team history holds two sample uploads.
 */
export function devTeamHandlers(): Pick<
  ContractHandlers,
  'team:get' | 'team:save' | 'team:clear' | 'team:test' | 'team:history'
> {
  let config: TeamQueueConfig = { configured: false, url: null, hasPassword: false };
  const history: TeamHistoryRow[] = [
    sample('a1', 'render-01.mov', 'worker-7f3', 'edit-suite-2', 2),
    sample('a2', 'interview.mp4', 'worker-91c', 'nas-uploader', 1),
  ];
  return {
    'team:get': () => config,
    'team:save': ({ url, password }) => {
      const split = splitTeamUrl(url);
      config = { configured: true, url: split.url, hasPassword: !!(split.password ?? password) };
      return config;
    },
    'team:clear': () => {
      config = { configured: false, url: null, hasPassword: false };
      return { ok: true };
    },
    'team:test': () => ({
      verdict: 'ok',
      message: 'Connected (dev services: no server).',
      schemaVersion: 1,
      knownVersion: 1,
      applied: [],
      counts: { queued: 0, claimed: 0, done: history.length, failed: 0 },
      serverVersion: 'dev',
    }),
    'team:history': ({ limit, offset }) => ({
      rows: history.slice(offset, offset + limit),
      total: history.length,
    }),
  };
}

function sample(id: string, name: string, worker: string, machine: string, hoursAgo: number): TeamHistoryRow {
  return {
    jobId: id,
    mediaId: `dev${id}0000000000000000000000000`,
    kind: 'video',
    title: name.replace(/\.\w+$/, ''),
    path: `/mnt/nas/archive/${name}`,
    size: 50 * 1024 * 1024,
    destination: 'dev/cn-shanghai',
    worker,
    machine,
    finishedAt: Date.now() - hoursAgo * 3600_000,
  };
}
