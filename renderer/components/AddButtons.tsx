import { useApi } from '../api/api-context';
import { useTranslate } from '../i18n/use-translate';
import { useUiStore } from '../store/ui-store';

/** "Add files…" and "Add folder…" open native dialogs through main; "Add links…" the links dialog. */
export function AddButtons({ onPaths }: { readonly onPaths: (paths: readonly string[]) => void }) {
  const api = useApi();
  const t = useTranslate();
  const pick = async (channel: 'dialog:open-files' | 'dialog:open-folder') => {
    const result = await api.call(channel, {});
    if (result.ok && result.value.paths.length) onPaths(result.value.paths);
  };
  return (
    <div className="add-buttons">
      <button type="button" className="button button--primary" onClick={() => void pick('dialog:open-files')}>
        {t('drop.addFiles')}
      </button>
      <button type="button" className="button" onClick={() => void pick('dialog:open-folder')}>
        {t('drop.addFolder')}
      </button>
      <button type="button" className="button" onClick={() => useUiStore.getState().openLinks({ lists: [] })}>
        {t('links.add')}
      </button>
    </div>
  );
}
