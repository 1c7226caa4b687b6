import { useEffect } from 'react';
import { useUiStore } from '../store/ui-store';

/** The visible "Copied" (and the like): shown for two seconds; screen readers hear it through the announcer. */
export function Toast() {
  const toast = useUiStore((s) => s.toast);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => useUiStore.getState().showToast(null), 2_000);
    return () => clearTimeout(timer);
  }, [toast]);
  if (!toast) return null;
  return (
    <div className="toast" data-testid="toast" aria-hidden="true">
      {toast.text}
    </div>
  );
}
