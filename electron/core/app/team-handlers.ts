import type { ContractHandlers } from '../ipc/dispatcher';
import type { TeamSettingsService } from './team-settings';

type TeamChannels = 'team:get' | 'team:save' | 'team:clear' | 'team:test' | 'team:history';

/** Settings → Team queue and the team's history: each one call to the service. */
export function teamHandlers(team: TeamSettingsService): Pick<ContractHandlers, TeamChannels> {
  return {
    'team:get': () => team.get(),
    'team:save': (input) => team.save(input),
    'team:clear': () => {
      team.clear();
      return { ok: true } as const;
    },
    'team:test': ({ connection, migrate }) => team.test(connection, migrate),
    'team:history': (page) => team.history(page),
  };
}
