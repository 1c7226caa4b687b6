import { useSettingsStore } from '../store/settings-store';
import { CleanupPanel } from './CleanupPanel';
import { PreferencesForm } from './PreferencesForm';
import { ProfileList } from './ProfileList';
import { TeamQueueSettings } from './TeamQueueSettings';

export function SettingsView() {
  const settings = useSettingsStore((s) => s.settings);
  return (
    <div className="settings-view">
      <ProfileList />
      {settings ? <PreferencesForm settings={settings} /> : null}
      <CleanupPanel />
      <TeamQueueSettings />
    </div>
  );
}
