import { useId, useState } from 'react';
import type { Settings, SettingsPatch } from '../../shared/domain/settings';
import { useApi } from '../api/api-context';
import { useTranslate } from '../i18n/use-translate';
import { Toggle } from './Toggle';
import { useSettingsStore } from '../store/settings-store';
import { useUiStore } from '../store/ui-store';

const MiB = 1024 * 1024;

/** Transfer limits, power and notification switches, language and theme; each change is saved at once. */
export function PreferencesForm({ settings }: { readonly settings: Settings }) {
  const api = useApi();
  const t = useTranslate();
  const id = useId();
  const [error, setError] = useState<string | null>(null);

  const save = async (patch: SettingsPatch) => {
    const result = await api.call('settings:set', patch);
    if (result.ok) {
      setError(null);
      useSettingsStore.getState().setSettings(result.value);
    } else {
      setError(t('settings.invalid', { message: result.error.message }));
      useUiStore.getState().announce(t('settings.invalid', { message: result.error.message }));
    }
  };

  const numberField = (
    key: 'filesAtOnce' | 'partsInFlight' | 'bandwidthLimit' | 'partSize',
    label: string,
    scale: number,
    min: number,
    max?: number,
  ) => (
    <>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type="number"
        min={min}
        max={max}
        step={1}
        // Keyed on the saved value so a rejected entry snaps back to what main holds.
        key={`${key}-${settings[key]}`}
        defaultValue={Math.round(settings[key] / scale)}
        onBlur={(e) => {
          const value = Math.round(Number(e.target.value) * scale);
          if (Number.isFinite(value) && value !== settings[key]) void save({ [key]: value });
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
        }}
      />
    </>
  );

  return (
    <>
      <section className="settings-section" aria-labelledby={`${id}-transfer`}>
        <h2 id={`${id}-transfer`}>{t('settings.transfer')}</h2>
        <div className="form-grid">
          {numberField('filesAtOnce', t('settings.filesAtOnce'), 1, 1, 128)}
          {numberField('partsInFlight', t('settings.partsInFlight'), 1, 1, 128)}
          {numberField('bandwidthLimit', t('settings.bandwidth'), MiB, 0)}
          {numberField('partSize', t('settings.partSize'), MiB, 1, 5120)}
          <Toggle
            label={t('settings.preventSleep')}
            checked={settings.preventSleep}
            onChange={(v) => void save({ preventSleep: v })}
          />
          <Toggle
            label={t('settings.notifications')}
            checked={settings.notifications}
            onChange={(v) => void save({ notifications: v })}
          />
          <Toggle
            label={t('settings.autoResume')}
            checked={settings.autoResume}
            onChange={(v) => void save({ autoResume: v })}
          />
        </div>
        {error ? <p className="error-text">{error}</p> : null}
      </section>
      <section className="settings-section" aria-labelledby={`${id}-appearance`}>
        <h2 id={`${id}-appearance`}>{t('settings.appearance')}</h2>
        <div className="form-grid">
          <label htmlFor={`${id}-language`}>{t('settings.language')}</label>
          <select
            id={`${id}-language`}
            value={settings.language}
            onChange={(e) => void save({ language: e.target.value as Settings['language'] })}
          >
            <option value="system">{t('settings.language.system')}</option>
            <option value="en" lang="en" translate="no">
              English
            </option>
            <option value="zh-CN" lang="zh-CN">
              简体中文
            </option>
          </select>
          <label htmlFor={`${id}-theme`}>{t('settings.theme')}</label>
          <select
            id={`${id}-theme`}
            value={settings.theme}
            onChange={(e) => void save({ theme: e.target.value as Settings['theme'] })}
          >
            <option value="system">{t('settings.theme.system')}</option>
            <option value="light">{t('settings.theme.light')}</option>
            <option value="dark">{t('settings.theme.dark')}</option>
          </select>
        </div>
      </section>
    </>
  );
}
