import { useEffect, useState, type ReactNode } from 'react';
import { useApi } from '../api/api-context';
import { useTranslate } from '../i18n/use-translate';
import { useUiStore } from '../store/ui-store';

interface DropZoneProps {
  readonly onPaths: (paths: readonly string[]) => void;
  readonly children: ReactNode;
}

/**
 * The whole window accepts files and folders. Paths come from the bridge (Electron's webUtils in the
 * preload); a folder arrives as one path and main walks it. Dropping anywhere else never navigates away.
 */
export function DropZone({ onPaths, children }: DropZoneProps) {
  const api = useApi();
  const t = useTranslate();
  const [over, setOver] = useState(false);

  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => Boolean(e.dataTransfer?.types.includes('Files'));
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth += 1;
      setOver(true);
    };
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const onDrop = (e: DragEvent) => {
      e.preventDefault();
      depth = 0;
      setOver(false);
      const files = e.dataTransfer ? [...e.dataTransfer.files] : [];
      const paths = files.map((file) => api.getPathForFile(file)).filter((path) => path.length > 0);
      if (paths.length) onPaths(paths);
      else if (files.length) {
        // Said rather than ignored: a drop that silently does nothing reads as a broken app.
        const message = t(api.preview ? 'drop.noPathPreview' : 'drop.noPath');
        const ui = useUiStore.getState();
        ui.setLastAdd(null, message);
        ui.announce(message);
      }
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [api, onPaths, t]);

  return (
    <div className="drop-zone" data-dragging={over ? 'true' : undefined}>
      {children}
      {over ? (
        <div className="drop-zone__overlay" aria-hidden="true">
          {t('drop.overlay')}
        </div>
      ) : null}
    </div>
  );
}
