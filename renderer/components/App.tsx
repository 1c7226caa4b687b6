import { useCallback } from 'react';
import { useApi } from '../api/api-context';
import { useAddPaths } from '../hooks/use-add-paths';
import { useAppCommands } from '../hooks/use-app-commands';
import { useAppearance } from '../hooks/use-appearance';
import { useMilestoneAnnouncer } from '../hooks/use-milestone-announcer';
import { useSync } from '../hooks/use-sync';
import { useTranslate } from '../i18n/use-translate';
import { useUiStore } from '../store/ui-store';
import { isUrlListPath } from '../../shared/domain/url-links';
import { AddButtons } from './AddButtons';
import { AddLinksDialog } from './AddLinksDialog';
import { AddSummaryBar } from './AddSummaryBar';
import { DropZone } from './DropZone';
import { HistoryView } from './HistoryView';
import { TeamHistory } from './TeamHistory';
import { LiveAnnouncer } from './LiveAnnouncer';
import { PreviewBar } from './PreviewBar';
import { QueueView } from './QueueView';
import { SettingsView } from './SettingsView';
import { StopDialog } from './StopDialog';
import { Tabs } from './Tabs';
import { Toast } from './Toast';
import { WatchFoldersView } from './WatchFoldersView';

export function App() {
  const t = useTranslate();
  const api = useApi();
  const tab = useUiStore((s) => s.tab);
  const addPaths = useAddPaths();
  // A dropped .txt/.csv is a list of links: it opens "Add links…" with them (main reads it), never uploads.
  const onPaths = useCallback(
    (paths: readonly string[]) => {
      const lists = paths.filter(isUrlListPath);
      if (lists.length > 0) useUiStore.getState().openLinks({ lists });
      const files = paths.filter((p) => !isUrlListPath(p));
      if (files.length > 0) void addPaths(files);
    },
    [addPaths],
  );
  const onUploadAgain = useCallback(
    (paths: readonly string[]) => void addPaths(paths, { force: true }),
    [addPaths],
  );
  useSync(onPaths);
  useAppearance(t('app.title'));
  useMilestoneAnnouncer();
  useAppCommands(api, onPaths);

  return (
    <DropZone onPaths={onPaths}>
      <div className="app">
        <header className="app__header">
          <h1 className="app__title">{t('app.title')}</h1>
          <Tabs />
          <span className="toolbar__spacer" />
          <AddButtons onPaths={onPaths} />
        </header>
        <p className="app__hint muted">{t('drop.hint')}</p>
        <PreviewBar onPaths={onPaths} />
        <AddSummaryBar onUploadAgain={onUploadAgain} />
        <main className="app__main">
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="panel">
            {tab === 'queue' ? (
              <QueueView />
            ) : tab === 'history' ? (
              <>
                <HistoryView />
                <TeamHistory />
              </>
            ) : tab === 'watch' ? (
              <WatchFoldersView />
            ) : (
              <SettingsView />
            )}
          </div>
        </main>
        <LiveAnnouncer />
        <StopDialog />
        <AddLinksDialog />
        <Toast />
      </div>
    </DropZone>
  );
}
