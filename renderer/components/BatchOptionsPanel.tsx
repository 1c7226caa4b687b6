import { useId, useState } from 'react';
import { useTranslate } from '../i18n/use-translate';
import { useBatchStore } from '../store/batch-store';
import { useSettingsStore } from '../store/settings-store';
import type { BatchOptions } from '../../shared/domain/upload-defaults';

/** Batch options applied at drop time (profile, title template, tags, category, template group) and presets. */
export function BatchOptionsPanel() {
  const t = useTranslate();
  const id = useId();
  const profiles = useSettingsStore((s) => s.profiles);
  const { current, presets, setCurrent, savePreset, deletePreset, applyPreset } = useBatchStore();
  const [presetName, setPresetName] = useState('');
  const [chosenPreset, setChosenPreset] = useState('');

  const update = (patch: Partial<BatchOptions>) => {
    const next: Record<string, unknown> = { ...current, ...patch };
    for (const key of Object.keys(next)) if (next[key] === undefined || next[key] === '') delete next[key];
    setCurrent(next as BatchOptions);
  };

  return (
    <details className="batch-options">
      <summary>{t('batch.title')}</summary>
      <div className="form-grid">
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
            value={current.profileId ?? ''}
            onChange={(e) => update({ profileId: e.target.value || undefined })}
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

        <label htmlFor={`${id}-title`}>{t('batch.titleTemplate')}</label>
        <div>
          <input
            id={`${id}-title`}
            value={current.titleTemplate ?? ''}
            placeholder="{name}"
            aria-describedby={`${id}-title-help`}
            onChange={(e) => update({ titleTemplate: e.target.value || undefined })}
          />
          <p id={`${id}-title-help`} className="help">
            {t('batch.titleHelp')}
          </p>
        </div>

        <label htmlFor={`${id}-tags`}>{t('batch.tags')}</label>
        <input
          id={`${id}-tags`}
          value={(current.tags ?? []).join(', ')}
          onChange={(e) => {
            const tags = e.target.value
              .split(/[,，]/)
              .map((tag) => tag.trim())
              .filter(Boolean)
              .slice(0, 16);
            update({ tags: tags.length ? tags : undefined });
          }}
        />

        <label htmlFor={`${id}-cate`}>{t('batch.category')}</label>
        <input
          id={`${id}-cate`}
          inputMode="numeric"
          value={current.cateId ?? ''}
          onChange={(e) => {
            const n = Number.parseInt(e.target.value, 10);
            update({ cateId: Number.isInteger(n) && n > 0 ? n : undefined });
          }}
        />

        <label htmlFor={`${id}-tg`}>{t('batch.templateGroup')}</label>
        <input
          id={`${id}-tg`}
          value={current.templateGroupId ?? ''}
          onChange={(e) => update({ templateGroupId: e.target.value.trim() || undefined })}
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
            disabled={!presetName.trim()}
            onClick={() => {
              savePreset(presetName);
              setChosenPreset(presetName.trim());
              setPresetName('');
            }}
          >
            {t('batch.savePreset')}
          </button>
        </div>
      </div>
    </details>
  );
}
