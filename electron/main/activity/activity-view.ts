import type { Activity } from '../../core/app/app-services';

export type ProgressMode = 'normal' | 'paused' | 'error';

/** Work is under way or waiting to start: the machine should stay awake and quitting should ask. */
export function isBusy(activity: Activity): boolean {
  return activity.active > 0 || activity.queued > 0;
}

/**
 * What the taskbar / dock progress bar shows: -1 (hidden) when there is nothing unfinished; otherwise the
 * overall fraction, red when something failed, yellow when everything left is paused.
 */
export function progressBarState(activity: Activity): { progress: number; mode: ProgressMode } {
  const unfinished = activity.active + activity.queued + activity.paused + activity.failed;
  if (unfinished === 0 || activity.progress === null) return { progress: -1, mode: 'normal' };
  const progress = Math.min(1, Math.max(0, activity.progress));
  if (activity.failed > 0) return { progress, mode: 'error' };
  if (!isBusy(activity)) return { progress, mode: 'paused' };
  return { progress, mode: 'normal' };
}
