import { useEffect, useId, useState } from 'react';
import type { Preset } from '../../shared/domain/preset';
import { AFTER_UPLOAD_ACTIONS, type AfterUpload, type WatchFolderView } from '../../shared/domain/watch';
import { useApi } from '../api/api-context';
import { useWatchFolders, type WatchFolders } from '../hooks/use-watch-folders';
import { useLocale, useTranslate } from '../i18n/use-translate';
import { parseRules } from '../lib/watch-rules';
import { useUiStore } from '../store/ui-store';

const STATE_ICONS: Record<WatchFolderView['state'], string> = {
  starting: '⋯',
  watching: '◉',
  paused: '❚❚',
  offline: '!',
};

/** Watch folders: add one (preset, after-upload action, sub-folder rules), and each one's status and counts. */
export function WatchFoldersView() {
  const t = useTranslate();
  const api = useApi();
  const watch = useWatchFolders();
  const [presets, setPresets] = useState<readonly Preset[]>([]);
  const [preset, setPreset] = useState('');
  const [afterUpload, setAfterUpload] = useState<AfterUpload>('leave');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [rulesText, setRulesText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ids = { preset: useId(), after: useId(), rules: useId(), rulesHelp: useId() };

  useEffect(() => {
    void api.call('presets:list', {}).then((result) => {
      if (result.ok) setPresets(result.value);
    });
  }, [api]);

  const add = async () => {
    setError(null);
    const rules = parseRules(rulesText);
    if (!rules.ok) {
      setError(t('watch.rulesInvalid', { line: rules.line, message: rules.message }));
      return;
    }
    if (afterUpload === 'delete' && !confirmDelete) {
      setError(t('watch.needConfirm'));
      return;
    }
    const chosen = await api.call('dialog:open-folder', {});
    const path = chosen.ok ? chosen.value.paths[0] : undefined;
    if (path === undefined) return;
    const failure = await watch.add({
      path,
      preset: preset === '' ? null : preset,
      afterUpload,
      confirmDelete: afterUpload === 'delete' && confirmDelete,
      rules: rules.rules,
    });
    if (failure !== null) setError(t('watch.failed', { message: failure }));
    else useUiStore.getState().announce(t('watch.added', { path }));
  };

  return (
    <section className="watch-view" aria-label={t('watch.label')}>
      <p className="muted watch-view__intro">{t('watch.intro')}</p>
      <form
        className="watch-form"
        aria-label={t('watch.add')}
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label htmlFor={ids.preset}>{t('watch.preset')}</label>
        <select id={ids.preset} value={preset} onChange={(e) => setPreset(e.target.value)}>
          <option value="">{t('watch.presetNone')}</option>
          {presets.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
            </option>
          ))}
        </select>
        <label htmlFor={ids.after}>{t('watch.afterUpload')}</label>
        <select
          id={ids.after}
          value={afterUpload}
          onChange={(e) => {
            setAfterUpload(e.target.value as AfterUpload);
            setConfirmDelete(false);
          }}
        >
          {AFTER_UPLOAD_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {t(`watch.after.${action}`)}
            </option>
          ))}
        </select>
        {afterUpload === 'delete' && (
          <label className="watch-form__confirm">
            <input
              type="checkbox"
              checked={confirmDelete}
              onChange={(e) => setConfirmDelete(e.target.checked)}
            />
            {t('watch.confirmDelete')}
          </label>
        )}
        <label htmlFor={ids.rules}>{t('watch.rules')}</label>
        <textarea
          id={ids.rules}
          rows={2}
          value={rulesText}
          aria-describedby={ids.rulesHelp}
          onChange={(e) => setRulesText(e.target.value)}
        />
        <p id={ids.rulesHelp} className="muted watch-form__help">
          {t('watch.rulesHelp')}
        </p>
        <button type="submit" className="button button--primary">
          {t('watch.add')}
        </button>
        {error !== null && (
          <p role="alert" className="watch-form__error">
            {error}
          </p>
        )}
      </form>
      {watch.folders.length === 0 ? (
        <p className="muted">{t('watch.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="history-table watch-table">
            <thead>
              <tr>
                <th scope="col">{t('watch.col.folder')}</th>
                <th scope="col">{t('watch.col.status')}</th>
                <th scope="col">{t('watch.preset')}</th>
                <th scope="col">{t('watch.col.files')}</th>
                <th scope="col">{t('watch.col.activity')}</th>
                <th scope="col">{t('col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {watch.folders.map((folder) => (
                <WatchRow key={folder.id} folder={folder} watch={watch} onError={setError} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function WatchRow({
  folder,
  watch,
  onError,
}: {
  readonly folder: WatchFolderView;
  readonly watch: Pick<WatchFolders, 'setPaused' | 'remove'>;
  readonly onError: (message: string | null) => void;
}) {
  const t = useTranslate();
  const locale = useLocale();
  const [confirming, setConfirming] = useState(false);
  const act = async (step: Promise<string | null>) => onError(await step);
  return (
    <tr data-watch-path={folder.path} data-state={folder.state}>
      <td className="watch-table__path" title={folder.path}>
        {folder.path}
      </td>
      <td>
        <span className={`badge watch-badge watch-badge--${folder.state}`} data-state={folder.state}>
          <span className="badge__icon" aria-hidden="true">
            {STATE_ICONS[folder.state]}
          </span>
          <span className="badge__text">{t(`watch.state.${folder.state}`)}</span>
        </span>
        {folder.lastError !== null && <div className="watch-table__error">{folder.lastError}</div>}
      </td>
      <td>{folder.preset ?? '—'}</td>
      <td>
        {t('watch.counts', {
          queued: folder.queued.toLocaleString(locale),
          pending: folder.pending.toLocaleString(locale),
          known: folder.alreadyKnown.toLocaleString(locale),
        })}
      </td>
      <td>
        {folder.lastActivityAt === null
          ? t('watch.never')
          : new Date(folder.lastActivityAt).toLocaleTimeString(locale)}
      </td>
      <td>
        <div className="watch-table__actions">
          <button
            type="button"
            className="button"
            onClick={() => void act(watch.setPaused(folder.id, !folder.paused))}
          >
            {folder.paused ? t('watch.resume') : t('watch.pause')}
          </button>
          {confirming ? (
            <>
              <button
                type="button"
                className="button button--danger"
                onClick={() => void act(watch.remove(folder.id))}
              >
                {t('watch.confirmRemove')}
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                {t('watch.keepWatching')}
              </button>
            </>
          ) : (
            <button type="button" className="button" onClick={() => setConfirming(true)}>
              {t('watch.remove')}
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}
