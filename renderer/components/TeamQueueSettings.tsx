import { useCallback, useEffect, useId, useState } from 'react';
import type { TeamQueueConfig, TeamQueueVerdict } from '../../shared/domain/team';
import { useApi } from '../api/api-context';
import { useTranslate } from '../i18n/use-translate';
import { useUiStore } from '../store/ui-store';

/**
 * Settings → Team queue: the PostgreSQL connection string (shown back without its password), a password field
 * that never shows the saved one, "Test connection" (the form's values if edited, else the saved ones) and,
 * when the database has no team queue yet, "Set up the database" (applies the schema steps).
 */
export function TeamQueueSettings() {
  const api = useApi();
  const t = useTranslate();
  const id = useId();
  const [config, setConfig] = useState<TeamQueueConfig | null>(null);
  const [url, setUrl] = useState('');
  const [password, setPassword] = useState('');
  const [verdict, setVerdict] = useState<TeamQueueVerdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const result = await api.call('team:get', {});
    if (result.ok) {
      setConfig(result.value);
      setUrl(result.value.url ?? '');
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const edited = url.trim() !== (config?.url ?? '') || password !== '';
  const announce = (text: string) => useUiStore.getState().announce(text);

  const save = async () => {
    const result = await api.call('team:save', password ? { url, password } : { url });
    if (result.ok) {
      setConfig(result.value);
      setUrl(result.value.url ?? '');
      setPassword('');
      setError(null);
      announce(t('team.saved'));
    } else {
      setError(result.error.message);
      announce(t('error.generic', { message: result.error.message }));
    }
  };

  const test = async (migrate: boolean) => {
    setBusy(true);
    const connection = edited || !config?.configured ? { url, ...(password ? { password } : {}) } : undefined;
    const result = await api.call('team:test', connection ? { connection, migrate } : { migrate });
    setBusy(false);
    if (result.ok) {
      setVerdict(result.value);
      setError(null);
      announce(headline(result.value));
    } else {
      setError(result.error.message);
      announce(t('error.generic', { message: result.error.message }));
    }
  };

  const remove = async () => {
    const result = await api.call('team:clear', {});
    if (result.ok) {
      setVerdict(null);
      setPassword('');
      await load();
      announce(t('team.removed'));
    }
  };

  const headline = (v: TeamQueueVerdict) =>
    v.verdict === 'ok' && v.counts
      ? t('team.verdict.ok', {
          queued: v.counts.queued.toLocaleString(),
          claimed: v.counts.claimed.toLocaleString(),
          done: v.counts.done.toLocaleString(),
          failed: v.counts.failed.toLocaleString(),
        })
      : t(`team.verdict.${v.verdict}`);

  return (
    <section className="settings-section" aria-labelledby={`${id}-team`} data-testid="team-queue-settings">
      <h2 id={`${id}-team`}>{t('team.heading')}</h2>
      <p className="muted">{t('team.intro')}</p>
      <div className="form-grid">
        <label htmlFor={`${id}-url`}>{t('team.url')}</label>
        <input
          id={`${id}-url`}
          type="text"
          spellCheck={false}
          autoComplete="off"
          placeholder={t('team.urlPlaceholder')}
          aria-describedby={`${id}-url-help`}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
        <span id={`${id}-url-help`} className="muted form-grid__help">
          {t('team.urlHelp')}
        </span>
        <label htmlFor={`${id}-password`}>{t('team.password')}</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          placeholder={config?.hasPassword ? t('team.passwordSaved') : ''}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      <div className="profile-item__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={!url.trim()}
          onClick={() => void save()}
        >
          {t('team.save')}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy || !url.trim()}
          onClick={() => void test(false)}
        >
          {t('team.test')}
        </button>
        {verdict && (verdict.verdict === 'schema-missing' || verdict.verdict === 'schema-old') ? (
          <button type="button" className="button" disabled={busy} onClick={() => void test(true)}>
            {t('team.migrate')}
          </button>
        ) : null}
        {config?.configured ? (
          <button type="button" className="button" onClick={() => void remove()}>
            {t('team.remove')}
          </button>
        ) : null}
      </div>
      {!config?.configured ? <p className="muted">{t('team.notConfigured')}</p> : null}
      {verdict ? (
        <p
          className={`verdict verdict--${verdict.verdict === 'ok' ? 'ok' : 'error'}`}
          data-verdict={verdict.verdict}
          data-testid="team-verdict"
        >
          {headline(verdict)}
          {verdict.verdict === 'ok' && verdict.serverVersion !== null ? (
            <span className="muted">
              {' '}
              · {t('team.schema', { server: verdict.serverVersion, version: verdict.schemaVersion ?? 0 })}
            </span>
          ) : null}
          {verdict.verdict !== 'ok' ? (
            <span className="muted" translate="no">
              {' '}
              · {verdict.message}
            </span>
          ) : null}
        </p>
      ) : null}
      {error ? <p className="error-text">{error}</p> : null}
    </section>
  );
}
