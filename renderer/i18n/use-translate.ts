import { useMemo } from 'react';
import { useSettingsStore } from '../store/settings-store';
import { createTranslate, resolveLocale, type Locale, type Translate } from './translate';

function osLanguages(): readonly string[] {
  return typeof navigator === 'undefined'
    ? []
    : navigator.languages.length
      ? navigator.languages
      : [navigator.language];
}

export function useLocale(): Locale {
  const setting = useSettingsStore((s) => s.settings?.language ?? 'system');
  return resolveLocale(setting, osLanguages());
}

export function useTranslate(): Translate {
  const locale = useLocale();
  return useMemo(() => createTranslate(locale), [locale]);
}
