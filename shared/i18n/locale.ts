/** The languages the app speaks; the renderer and the main process choose between them the same way. */
export type Locale = 'en' | 'zh-CN';
export type LanguageSetting = 'system' | Locale;

/** The locale for a setting: 'system' follows the OS language list (any Chinese → Simplified Chinese). */
export function resolveLocale(setting: LanguageSetting, languages: readonly string[]): Locale {
  if (setting !== 'system') return setting;
  for (const language of languages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
