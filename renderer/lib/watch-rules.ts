import type { FolderRule } from '../../shared/domain/watch';

export type RulesParse =
  | { readonly ok: true; readonly rules: FolderRule[] }
  | { readonly ok: false; readonly line: number; readonly message: string };

/**
 * The rules text of the watch folders panel, one rule per line: `sub-folder = category ID; tag, tag`.
 * Either part after `=` may be left out (`News = ; news` sets tags only, `News = 12` the category only).
 * Blank lines and lines starting with # are skipped.
 */
export function parseRules(text: string): RulesParse {
  const rules: FolderRule[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const at = index + 1;
    const eq = line.indexOf('=');
    if (eq <= 0) return { ok: false, line: at, message: 'write it as: sub-folder = category ID; tags' };
    const subfolder = line.slice(0, eq).trim();
    const [catePart = '', tagPart = ''] = line
      .slice(eq + 1)
      .split(';')
      .map((p) => p.trim());
    let cateId: number | undefined;
    if (catePart !== '') {
      cateId = Number(catePart);
      if (!Number.isInteger(cateId) || cateId <= 0) {
        return {
          ok: false,
          line: at,
          message: `the category ID must be a positive whole number (got "${catePart}")`,
        };
      }
    }
    const tags = tagPart
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    if (tags.some((t) => t.length > 32))
      return { ok: false, line: at, message: 'a tag has at most 32 characters' };
    if (cateId === undefined && tags.length === 0) {
      return { ok: false, line: at, message: 'give a category ID, tags, or both' };
    }
    rules.push({ subfolder, ...(cateId !== undefined ? { cateId } : {}), tags });
  }
  return { ok: true, rules };
}

/** The rules back as text (for showing a folder's rules). */
export function formatRules(rules: readonly FolderRule[]): string {
  return rules
    .map((r) => `${r.subfolder} = ${r.cateId ?? ''}${r.tags.length ? `; ${r.tags.join(', ')}` : ''}`)
    .join('\n');
}
