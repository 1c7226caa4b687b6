import { useEffect } from 'react';
import { useLocale } from '../i18n/use-translate';
import { useSettingsStore } from '../store/settings-store';

/** Applies theme and language to <html>: 'system' leaves the theme to prefers-color-scheme in CSS. */
export function useAppearance(title: string): void {
  const theme = useSettingsStore((s) => s.settings?.theme ?? 'system');
  const locale = useLocale();
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset['theme'];
    else root.dataset['theme'] = theme;
  }, [theme]);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = title;
  }, [locale, title]);
}
