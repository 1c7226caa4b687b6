import { describe, expect, it } from 'vitest';
import { createTranslate } from '../../../renderer/i18n/translate';
import { describeProblem, METADATA_LABELS } from '../../../renderer/lib/field-problem';
import { emptyMetadataDraft, metadataFromDraft } from '../../../renderer/lib/metadata-draft';
import { describeDraftError, draftToInput, emptyDraft } from '../../../renderer/lib/profile-form';

const en = createTranslate('en');
const zh = createTranslate('zh-CN');

/** The batch's first problem as the user reads it. */
function batchMessage(t: typeof en, patch: Partial<ReturnType<typeof emptyMetadataDraft>>): string {
  const result = metadataFromDraft({ ...emptyMetadataDraft(), ...patch });
  if (result.ok) throw new Error('expected a problem');
  return describeProblem(t, t(METADATA_LABELS[result.field]), result.problem);
}

describe('form problems as sentences naming the field', () => {
  it('says what is wrong in words, never in zod’s English', () => {
    expect(batchMessage(en, { coverUrl: 'not a url' })).toBe('Cover URL must be a web address (https://…).');
    expect(batchMessage(en, { cateId: 'abc' })).toBe('Category ID must be a whole number.');
    expect(batchMessage(en, { cateId: '0' })).toBe('Category ID must be greater than 0.');
    expect(batchMessage(en, { tags: 'x'.repeat(33) })).toBe(
      'Tags (comma-separated) may have at most 32 characters.',
    );
    expect(batchMessage(en, { userData: '[1]' })).toContain('User data (JSON) must be a JSON object');
    expect(batchMessage(en, { imageType: 'poster' })).toBe(
      'Images upload as must be one of: default, cover.',
    );
  });

  it('has no English left in Simplified Chinese apart from values the user must type', () => {
    for (const patch of [
      { coverUrl: 'x' },
      { cateId: 'abc' },
      { tags: 'x'.repeat(33) },
      { titleTemplate: 'x'.repeat(300) },
    ]) {
      const message = batchMessage(zh, patch);
      expect(message).not.toMatch(/Too (small|big)|expected|Invalid|must|characters/i);
      expect(message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('names profile fields by their label', () => {
    const missing = draftToInput({ ...emptyDraft(), name: ' ' });
    if (missing.ok) throw new Error('expected a problem');
    expect(describeDraftError(en, missing.error)).toBe('Name is required.');
    const url = draftToInput({ ...emptyDraft(), name: 'A', kind: 'auth-service', url: 'nope' });
    if (url.ok) throw new Error('expected a problem');
    expect(describeDraftError(en, url.error)).toBe('Service URL must be a web address (https://…).');
    expect(describeDraftError(zh, url.error).replace('https://…', '')).not.toMatch(/[A-Za-z]{4,}/);
  });
});
