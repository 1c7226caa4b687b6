import { en, type MessageKey, type Messages } from './en';
import { zhCN } from './zh-cn';

import type { Locale } from '../../shared/i18n/locale';

export { resolveLocale, type LanguageSetting, type Locale } from '../../shared/i18n/locale';
export type Params = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: Params) => string;

const DICTIONARIES: Readonly<Record<Locale, Messages>> = { en, 'zh-CN': zhCN };

export function createTranslate(locale: Locale): Translate {
  const messages = DICTIONARIES[locale];
  return (key, params) => interpolate(messages[key] ?? en[key], params);
}

function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : match,
  );
}

/** "1 file" / "12 files" in the locale. */
export function countFiles(t: Translate, count: number): string {
  return count === 1 ? t('count.files.one') : t('count.files.other', { count: count.toLocaleString() });
}
