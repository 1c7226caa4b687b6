import { useEffect, useState, type FormEvent } from 'react';
import { useApi } from '../api/api-context';
import { useTranslate } from '../i18n/use-translate';

/**
 * The browser preview only (the desktop app has native dialogs and real drop paths): says where "Add
 * files…" takes media from, offers a path field in place of a drop, and a banner while the host is gone.
 */
export function PreviewBar({ onPaths }: { readonly onPaths: (paths: readonly string[]) => void }) {
  const { preview } = useApi();
  const t = useTranslate();
  const [connected, setConnected] = useState(true);
  const [path, setPath] = useState('');
  useEffect(() => preview?.onConnection(setConnected), [preview]);
  if (!preview) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = path.trim();
    if (!trimmed) return;
    onPaths([trimmed]);
    setPath('');
  };
  return (
    <section className="preview-bar" aria-label={t('preview.label')}>
      {connected ? null : (
        <p role="alert" className="preview-bar__down" data-testid="preview-disconnected">
          {t('preview.disconnected')}
        </p>
      )}
      {preview.media ? (
        <p className="preview-bar__media muted" data-testid="preview-media">
          {t(preview.media.kind === 'sample' ? 'preview.sample' : 'preview.own', { dir: preview.media.dir })}
        </p>
      ) : null}
      <form className="preview-bar__path" onSubmit={submit}>
        <label>
          {t('preview.pathLabel')}{' '}
          <input
            type="text"
            value={path}
            spellCheck={false}
            onChange={(event) => setPath(event.target.value)}
          />
        </label>
        <button type="submit" className="button" disabled={!path.trim()}>
          {t('preview.addPath')}
        </button>
      </form>
    </section>
  );
}
