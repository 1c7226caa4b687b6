import { useCallback, useEffect, useState } from 'react';
import type { ConnectionVerdict, ProfileSummary } from '../../shared/domain/profile';
import { useApi } from '../api/api-context';
import { useTranslate } from '../i18n/use-translate';
import { useSettingsStore } from '../store/settings-store';
import { useUiStore } from '../store/ui-store';
import { ProfileForm } from './ProfileForm';

/** Saved profiles with edit, delete and "Test connection"; the form opens in place. */
export function ProfileList() {
  const api = useApi();
  const t = useTranslate();
  const profiles = useSettingsStore((s) => s.profiles);
  const defaultId = useSettingsStore((s) => s.settings?.defaultProfileId);
  const [editing, setEditing] = useState<ProfileSummary | 'new' | null>(null);
  const [verdicts, setVerdicts] = useState<Readonly<Record<string, ConnectionVerdict>>>({});

  const refresh = useCallback(async () => {
    const listed = await api.call('profiles:list', {});
    if (listed.ok) useSettingsStore.getState().setProfiles(listed.value);
  }, [api]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const test = async (profile: ProfileSummary) => {
    const result = await api.call('profiles:test', { id: profile.id });
    if (result.ok) {
      setVerdicts({ ...verdicts, [profile.id]: result.value });
      useUiStore.getState().announce(`${profile.name}: ${t(`settings.verdict.${result.value.verdict}`)}`);
    } else useUiStore.getState().announce(t('error.generic', { message: result.error.message }));
  };
  /** The profile a batch uses when it names none (Batch options' "Default profile", the CLI without --profile). */
  const makeDefault = async (profile: ProfileSummary) => {
    const result = await api.call('settings:set', { defaultProfileId: profile.id });
    if (result.ok) {
      useSettingsStore.getState().setSettings(result.value);
      useUiStore.getState().announce(t('settings.isDefaultNow', { name: profile.name }));
    } else useUiStore.getState().announce(t('error.generic', { message: result.error.message }));
  };
  const remove = async (profile: ProfileSummary) => {
    if (!window.confirm(t('settings.confirmDelete', { name: profile.name }))) return;
    const result = await api.call('profiles:delete', { id: profile.id });
    if (!result.ok) useUiStore.getState().announce(t('error.generic', { message: result.error.message }));
    await refresh();
  };

  return (
    <section className="settings-section" aria-labelledby="profiles-heading">
      <h2 id="profiles-heading">{t('settings.profiles')}</h2>
      {profiles.length === 0 ? <p className="muted">{t('settings.noProfiles')}</p> : null}
      <ul className="profile-list">
        {profiles.map((profile) => {
          const verdict = verdicts[profile.id];
          return (
            <li key={profile.id} className="profile-item" data-profile-id={profile.id}>
              <div className="profile-item__main">
                <strong translate="no">{profile.name}</strong>
                {profile.id === defaultId ? (
                  <span className="badge badge--done" data-testid="default-profile">
                    {t('settings.defaultBadge')}
                  </span>
                ) : null}
                <span className="muted">
                  {t(`settings.kind.${profile.kind}`)} · <span translate="no">{profile.region}</span>
                  {profile.accessKeyIdMasked ? (
                    <span translate="no"> · {profile.accessKeyIdMasked}</span>
                  ) : null}
                  {profile.authServiceUrl ? <span translate="no"> · {profile.authServiceUrl}</span> : null}
                </span>
                {verdict ? (
                  <span className={`verdict verdict--${verdict.verdict}`} data-verdict={verdict.verdict}>
                    {t(`settings.verdict.${verdict.verdict}`)}: {verdict.message}
                  </span>
                ) : null}
              </div>
              <div className="profile-item__actions">
                <button type="button" className="button" onClick={() => void test(profile)}>
                  {t('settings.testConnection')}
                </button>
                {profile.id !== defaultId ? (
                  <button type="button" className="button" onClick={() => void makeDefault(profile)}>
                    {t('settings.makeDefault')}
                  </button>
                ) : null}
                <button type="button" className="button" onClick={() => setEditing(profile)}>
                  {t('settings.editProfile')}
                </button>
                <button type="button" className="button" onClick={() => void remove(profile)}>
                  {t('settings.deleteProfile')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {editing ? (
        <ProfileForm
          key={editing === 'new' ? 'new' : editing.id}
          profile={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      ) : (
        <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
          {t('settings.addProfile')}
        </button>
      )}
    </section>
  );
}
