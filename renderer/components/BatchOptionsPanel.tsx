import { useId, useState } from 'react';
import { useTranslate } from '../i18n/use-translate';
import { batchOptions, useBatchStore } from '../store/batch-store';
import { useSettingsStore } from '../store/settings-store';
import { MetadataFields } from './MetadataFields';

/** Batch options applied at drop time (profile and every VOD metadata field) and presets. */
export function BatchOptionsPanel() {
  const t = useTranslate();
  const id = useId();
  const profiles = useSettingsStore((s) => s.profiles);
  const { profileId, draft, presets, setProfile, editDraft, savePreset, deletePreset, applyPreset } =
    useBatchStore();
  const [presetName, setPresetName] = useState('');
  const [chosenPreset, setChosenPreset] = useState('');
  const checked = batchOptions({ profileId, draft });
  const error = checked.ok ? null : checked;

  return (
    <details className="batch-options">
      <summary>{t('batch.title')}</summary>
      <div className="form-grid form-grid--wide">
        <label htmlFor={`${id}-preset`}>{t('batch.preset')}</label>
        <div className="inline-fields">
          <select
            id={`${id}-preset`}
            value={chosenPreset}
            onChange={(e) => {
              setChosenPreset(e.target.value);
              if (e.target.value) applyPreset(e.target.value);
            }}
          >
            <option value="">{t('batch.presetNone')}</option>
            {presets.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
          {chosenPreset ? (
            <button
              type="button"
              className="button"
              onClick={() => {
                deletePreset(chosenPreset);
                setChosenPreset('');
              }}
            >
              {t('batch.deletePreset')}
            </button>
          ) : null}
        </div>

        <label htmlFor={`${id}-profile`}>{t('batch.profile')}</label>
        {profiles.length ? (
          <select
            id={`${id}-profile`}
            value={profileId ?? ''}
            onChange={(e) => setProfile(e.target.value || undefined)}
          >
            <option value="">{t('batch.profileDefault')}</option>
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        ) : (
          <span id={`${id}-profile`} className="muted">
            {t('batch.noProfiles')}
          </span>
        )}

        <MetadataFields
          draft={draft}
          onChange={editDraft}
          invalid={error?.field ?? null}
          emptyMeans={t('batch.keepProfile')}
        />

        <label htmlFor={`${id}-preset-name`}>{t('batch.presetName')}</label>
        <div className="inline-fields">
          <input
            id={`${id}-preset-name`}
            value={presetName}
            onChange={(e) => setPresetName(e.target.value)}
          />
          <button
            type="button"
            className="button"
            disabled={!presetName.trim() || error !== null}
            onClick={() => {
              if (savePreset(presetName).ok) {
                setChosenPreset(presetName.trim());
                setPresetName('');
              }
            }}
          >
            {t('batch.savePreset')}
          </button>
        </div>
      </div>
      {error ? (
        <p className="error-text" role="alert">
          {t('batch.invalid', { field: error.field, message: error.message })}
        </p>
      ) : null}
    </details>
  );
}
