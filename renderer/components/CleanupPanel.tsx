import { useCallback, useEffect, useId, useState } from 'react';
import type { CleanupReport, PendingCleanup } from '../../shared/domain/cleanup';
import { useApi } from '../api/api-context';
import { useTranslate } from '../i18n/use-translate';
import { useSettingsStore } from '../store/settings-store';
import { useUiStore } from '../store/ui-store';

/**
 * Settings → Clean up VOD: the same check as `vod-upload doctor` (cleanup:check / cleanup:fix), and the
 * deletes still owed, with their error and attempts and a "Retry now" (cleanup:retry). Removing asks first.
 */
export function CleanupPanel() {
  const api = useApi();
  const t = useTranslate();
  const id = useId();
  const profiles = useSettingsStore((s) => s.profiles);
  const [profileId, setProfileId] = useState<string | null>(null);
  const [report, setReport] = useState<CleanupReport | null>(null);
  const [pending, setPending] = useState<readonly PendingCleanup[]>([]);
  const [busy, setBusy] = useState(false);
  const [includeOthers, setIncludeOthers] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const announce = (text: string) => useUiStore.getState().announce(text);

  const loadPending = useCallback(async () => {
    const result = await api.call('cleanup:pending', {});
    if (result.ok) setPending(result.value.pending);
  }, [api]);
  useEffect(() => {
    void loadPending();
  }, [loadPending]);

  const check = async () => {
    setBusy(true);
    setError(null);
    const result = await api.call('cleanup:check', { profileId });
    setBusy(false);
    if (!result.ok) return setError(t('cleanup.failed', { message: result.error.message }));
    setReport(result.value);
    setPending(result.value.pending);
  };
  const retry = async () => {
    setBusy(true);
    const result = await api.call('cleanup:retry', {});
    setBusy(false);
    if (result.ok) setPending(result.value.pending);
    else setError(t('cleanup.failed', { message: result.error.message }));
  };
  const removable = (report?.media ?? []).filter(
    (m) => m.owner === 'orphan' || (includeOthers && m.owner === 'other'),
  );
  const removableUploads = (report?.uploads ?? []).filter((u) => u.owner === 'orphan');
  const count = removable.length + removableUploads.length;
  const fix = async () => {
    if (!window.confirm(t('cleanup.confirmFix', { count }))) return;
    setBusy(true);
    const only = [...removable.map((m) => m.mediaId), ...removableUploads.map((u) => u.uploadId)];
    const result = await api.call('cleanup:fix', { profileId, includeOthers, only });
    setBusy(false);
    if (!result.ok) return setError(t('cleanup.failed', { message: result.error.message }));
    const { removedMedia, abortedUploads, failed } = result.value;
    setReport(result.value.report);
    setPending(result.value.report.pending);
    announce(t('cleanup.fixed', { media: removedMedia.length, uploads: abortedUploads.length }));
    const first = failed[0];
    setError(first ? t('cleanup.fixFailed', { id: first.id, message: first.error.message }) : null);
  };

  const clean =
    report !== null && report.media.length === 0 && report.uploads.length === 0 && pending.length === 0;
  return (
    <section className="settings-section cleanup" aria-labelledby={`${id}-title`} data-testid="cleanup">
      <h2 id={`${id}-title`}>{t('cleanup.title')}</h2>
      <p className="muted">{t('cleanup.intro')}</p>
      <div className="cleanup__bar">
        <label>
          {t('cleanup.profile')}{' '}
          <select
            value={profileId ?? ''}
            onChange={(e) => setProfileId(e.target.value === '' ? null : e.target.value)}
          >
            <option value="">{t('cleanup.profileDefault')}</option>
            {profiles.map((p) => (
              <option key={p.id} value={p.id} translate="no">
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" disabled={busy} onClick={() => void check()}>
          {busy ? t('cleanup.checking') : t('cleanup.check')}
        </button>
      </div>
      {error ? (
        <p className="verdict--error" role="alert">
          {error}
        </p>
      ) : null}
      {report?.limits.map((limit) => (
        <p key={limit.code} className="muted" data-limit={limit.code}>
          {limit.message}
        </p>
      ))}
      {clean ? <p data-testid="cleanup-clean">{t('cleanup.clean')}</p> : null}
      {report && report.media.length > 0 ? (
        <>
          <h3>{t('cleanup.media', { count: report.media.length })}</h3>
          <ul className="cleanup__list">
            {report.media.map((m) => (
              <li key={m.mediaId} data-media-id={m.mediaId} data-owner={m.owner}>
                <span translate="no">{m.mediaId}</span> · {t(`kind.${m.kind}`)} ·{' '}
                <span translate="no">{m.title}</span> · {t(`cleanup.owner.${m.owner}`)}
                {m.job ? <span translate="no"> · {m.job.path}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {report && report.uploads.length > 0 ? (
        <>
          <h3>{t('cleanup.uploads', { count: report.uploads.length })}</h3>
          <ul className="cleanup__list">
            {report.uploads.map((u) => (
              <li key={u.uploadId} data-upload-id={u.uploadId} data-owner={u.owner}>
                <span translate="no">{u.objectKey}</span> · {t(`cleanup.owner.${u.owner}`)} ·{' '}
                {t(`cleanup.source.${u.source}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {report ? (
        <div className="cleanup__bar">
          <label>
            <input
              type="checkbox"
              checked={includeOthers}
              onChange={(e) => setIncludeOthers(e.target.checked)}
            />{' '}
            {t('cleanup.includeOthers')}
          </label>
          <button
            type="button"
            className="button button--danger"
            disabled={busy || count === 0}
            onClick={() => void fix()}
          >
            {t('cleanup.fix', { count })}
          </button>
        </div>
      ) : null}
      {pending.length > 0 ? (
        <div data-testid="cleanup-pending">
          <h3>{t('cleanup.pending', { count: pending.length })}</h3>
          <p className="muted">{t('cleanup.pendingIntro')}</p>
          <ul className="cleanup__list">
            {pending.map((p) => (
              <li key={p.mediaId} data-media-id={p.mediaId}>
                <span translate="no">{p.mediaId}</span> · {t(`kind.${p.kind}`)} ·{' '}
                {t('cleanup.attempts', { count: p.attempts })}
                {p.lastError ? (
                  <span className="verdict--error" translate="no">
                    {' '}
                    · {p.lastError.code}: {p.lastError.message}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          <button type="button" className="button" disabled={busy} onClick={() => void retry()}>
            {t('cleanup.retry')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
