import { useState } from 'react';
import { useWatchFolders } from '../hooks/use-watch-folders';
import { useTranslate } from '../i18n/use-translate';

/**
 * "Delete preset", asked once more in place. Watched folders that queue with the preset are named: their
 * new files would wait (the folder shows why) until the editor gives them another preset, so deleting one
 * in use must not be a single stray click.
 */
export function PresetDeleteButton({
  name,
  onDelete,
}: {
  readonly name: string;
  readonly onDelete: () => void;
}) {
  const t = useTranslate();
  const { folders } = useWatchFolders();
  const [asking, setAsking] = useState(false);
  const users = folders.filter((folder) => folder.preset === name).map((folder) => folder.path);

  if (!asking) {
    return (
      <button type="button" className="button" onClick={() => setAsking(true)}>
        {t('batch.deletePreset')}
      </button>
    );
  }
  return (
    <div role="alert" className="inline-confirm">
      <p>{users.length ? t('batch.deletePresetInUse', { name }) : t('batch.deletePresetAsk', { name })}</p>
      {users.length ? (
        <ul className="inline-confirm__list" translate="no">
          {users.map((path) => (
            <li key={path}>{path}</li>
          ))}
        </ul>
      ) : null}
      <button
        type="button"
        className="button button--danger"
        onClick={() => {
          setAsking(false);
          onDelete();
        }}
      >
        {t('batch.deletePresetConfirm')}
      </button>
      <button type="button" className="button" onClick={() => setAsking(false)}>
        {t('batch.deletePresetKeep')}
      </button>
    </div>
  );
}
