import { useId, useRef, useState } from 'react';
import { usePresets } from '../hooks/use-presets';
import { useTranslate } from '../i18n/use-translate';
import { downloadText } from '../lib/download';
import { describeProblem, METADATA_LABELS } from '../lib/field-problem';
import { batchOptions, useBatchStore } from '../store/batch-store';
import { useSettingsStore } from '../store/settings-store';
import { useUiStore } from '../store/ui-store';
import { MetadataFields } from './MetadataFields';
import { PresetDeleteButton } from './PresetDeleteButton';

/**
 * Batch options applied at drop time (profile and every VOD metadata field) and the presets, which live in
 * the queue database: the CLI's `--preset NAME` uses the same ones.
 */
export function BatchOptionsPanel() {
  const t = useTranslate();
  const id = useId();
  const profiles = useSettingsStore((s) => s.profiles);
  const defaultName = useSettingsStore(
    (s) => s.profiles.find((p) => p.id === s.settings?.defaultProfileId)?.name,
  );
  const { profileId, draft, presets, setProfile, editDraft } = useBatchStore();
  const actions = usePresets();
  const [presetName, setPresetName] = useState('');
  const [chosenPreset, setChosenPreset] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const checked = batchOptions({ profileId, draft });
  const error = checked.ok ? null : checked;
  const say = (text: string) => {
    setMessage(text);
    useUiStore.getState().announce(text);
  };

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
              const preset = presets.find((p) => p.name === e.target.value);
              if (preset) actions.apply(preset);
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
            <PresetDeleteButton
              key={chosenPreset}
              name={chosenPreset}
              onDelete={() =>
                void actions.remove(chosenPreset).then((failed) => {
                  if (failed) say(failed);
                  setChosenPreset('');
                })
              }
            />
          ) : null}
        </div>

        <label htmlFor={`${id}-profile`}>{t('batch.profile')}</label>
        {profiles.length ? (
          <select
            id={`${id}-profile`}
            value={profileId ?? ''}
            onChange={(e) => setProfile(e.target.value || undefined)}
          >
            <option value="">
              {defaultName
                ? t('batch.profileDefaultNamed', { name: defaultName })
                : t('batch.profileDefault')}
            </option>
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
            maxLength={64}
            onChange={(e) => setPresetName(e.target.value)}
          />
          <button
            type="button"
            className="button"
            disabled={!presetName.trim() || error !== null}
            onClick={() => {
              const name = presetName.trim();
              void actions.save(name).then((failed) => {
                if (failed) return say(failed);
                setChosenPreset(name);
                setPresetName('');
                say(t('batch.presetSaved', { name }));
              });
            }}
          >
            {t('batch.savePreset')}
          </button>
        </div>
      </div>
      <div className="inline-fields">
        <button
          type="button"
          className="button"
          disabled={presets.length === 0}
          onClick={() =>
            void actions.exportFile().then((file) => {
              if (typeof file === 'string') say(file);
              else downloadText(file.fileName, file.mimeType, file.content);
            })
          }
        >
          {t('batch.exportPresets')}
        </button>
        <button type="button" className="button" onClick={() => fileInput.current?.click()}>
          {t('batch.importPresets')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          hidden
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            void file
              .text()
              .then((content) => actions.importFile(content))
              .then((result) => {
                if (typeof result === 'string') return say(result);
                say(
                  result.withoutProfile.length
                    ? t('batch.importedNoProfile', {
                        count: result.imported.length,
                        names: result.withoutProfile.join(', '),
                      })
                    : t('batch.imported', { count: result.imported.length }),
                );
              });
          }}
        />
        {message ? <span className="muted">{message}</span> : null}
      </div>
      {error ? (
        <p className="error-text" role="alert">
          {t('batch.invalid', {
            message: describeProblem(t, t(METADATA_LABELS[error.field]), error.problem),
          })}
        </p>
      ) : null}
    </details>
  );
}
