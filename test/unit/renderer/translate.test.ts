import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/i18n/en';
import { zhCN } from '../../../renderer/i18n/zh-cn';
import { countFiles, createTranslate, resolveLocale } from '../../../renderer/i18n/translate';

describe('i18n', () => {
  it('follows the OS language list when set to system', () => {
    expect(resolveLocale('system', ['zh-TW', 'en-US'])).toBe('zh-CN');
    expect(resolveLocale('system', ['de-DE', 'en-GB'])).toBe('en');
    expect(resolveLocale('system', ['fr-FR'])).toBe('en');
    expect(resolveLocale('en', ['zh-CN'])).toBe('en');
    expect(resolveLocale('zh-CN', ['en-US'])).toBe('zh-CN');
  });

  it('interpolates parameters and leaves unknown placeholders alone', () => {
    const t = createTranslate('en');
    expect(t('progress.name', { name: 'A001.mov' })).toBe('Upload of A001.mov');
    expect(t('batch.titleHelp')).toContain('{name}');
    expect(createTranslate('zh-CN')('progress.name', { name: 'A001.mov' })).toBe('A001.mov 的上传进度');
  });

  it('has a Chinese message for every English key, with the same placeholders', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(zhCN[key], key).toBeTruthy();
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('counts files with the singular form for one', () => {
    const t = createTranslate('en');
    expect(countFiles(t, 1)).toBe('1 file');
    expect(countFiles(t, 214)).toBe('214 files');
  });
});
