import { useState } from 'react';
import { useTranslate } from '../i18n/use-translate';
import { countFiles } from '../i18n/translate';
import { formatBytes } from '../lib/format';
import { useUiStore } from '../store/ui-store';

/**
 * One summary per drop: "214 files added, 1.2 TB · 37 skipped (why?)". Files already uploaded to this
 * destination get "Upload again", which queues them anyway.
 */
export function AddSummaryBar({ onUploadAgain }: { onUploadAgain?: (paths: readonly string[]) => void }) {
  const t = useTranslate();
  const lastAdd = useUiStore((s) => s.lastAdd);
  const addError = useUiStore((s) => s.addError);
  const setLastAdd = useUiStore((s) => s.setLastAdd);
  const [showWhy, setShowWhy] = useState(false);
  if (!lastAdd && !addError) return null;
  const notAdded = lastAdd ? [...lastAdd.skipped, ...lastAdd.duplicates] : [];
  const uploaded = lastAdd ? lastAdd.earlier.filter((e) => e.state === 'uploaded').map((e) => e.path) : [];
  return (
    <section className="add-summary" data-testid="add-summary">
      <p className="add-summary__line">
        {addError ? (
          <span className="add-summary__error">{t('drop.failed', { message: addError })}</span>
        ) : lastAdd ? (
          <>
            <span data-testid="add-summary-text">
              {lastAdd.added > 0
                ? t('drop.summary', {
                    files: countFiles(t, lastAdd.added),
                    bytes: formatBytes(lastAdd.bytes),
                  })
                : t('drop.summaryNone')}
            </span>
            {lastAdd.skipped.length > 0 ? (
              <span> · {t('drop.skipped', { count: lastAdd.skipped.length })}</span>
            ) : null}
            {lastAdd.duplicates.length > 0 ? (
              <span> · {t('drop.duplicates', { count: lastAdd.duplicates.length })}</span>
            ) : null}
            {uploaded.length > 0 && onUploadAgain ? (
              <>
                {' '}
                <button
                  type="button"
                  className="link-button"
                  data-testid="upload-again"
                  onClick={() => onUploadAgain(uploaded)}
                >
                  {t('drop.uploadAgain', { count: uploaded.length })}
                </button>
              </>
            ) : null}
            {notAdded.length > 0 ? (
              <>
                {' '}
                <button
                  type="button"
                  className="link-button"
                  aria-expanded={showWhy}
                  aria-controls="add-summary-why"
                  onClick={() => setShowWhy(!showWhy)}
                >
                  ({showWhy ? t('drop.hideWhy') : t('drop.why')})
                </button>
              </>
            ) : null}
          </>
        ) : null}
        <button
          type="button"
          className="icon-button add-summary__close"
          aria-label={t('drop.dismiss')}
          onClick={() => {
            setShowWhy(false);
            setLastAdd(null);
          }}
        >
          ×
        </button>
      </p>
      {showWhy && notAdded.length > 0 ? (
        <ul id="add-summary-why" className="add-summary__why">
          {notAdded.slice(0, 500).map((entry) => (
            <li key={entry.path}>
              <code>{entry.path}</code>: {entry.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
