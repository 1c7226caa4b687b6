import type { Dispatch } from '../../electron/core/ipc/dispatcher';
import type { EmulatorConfig } from '../emulator/index';

/**
 * Saves an AccessKey profile for the emulator through the contract (as the settings screen would) and
 * makes it the default; returns its id. `settings` are applied in the same step.
 */
export async function saveEmulatorProfile(
  dispatch: Dispatch,
  config: EmulatorConfig,
  settings: Record<string, unknown> = {},
): Promise<string> {
  const saved = await dispatch('profiles:save', {
    name: 'Emulator',
    region: config.regionId,
    endpoint: config.vodEndpoint,
    defaults: { titleTemplate: '{name}', tags: [] },
    credential: {
      kind: 'access-key',
      accessKeyId: config.accessKeyId,
      accessKeySecret: config.accessKeySecret,
    },
  });
  if (!saved.ok) throw new Error(`Could not save the emulator profile: ${saved.error.message}`);
  const id = (saved.value as { id: string }).id;
  const set = await dispatch('settings:set', { defaultProfileId: id, ...settings });
  if (!set.ok) throw new Error(`Could not apply settings: ${set.error.message}`);
  return id;
}
