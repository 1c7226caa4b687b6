import type { UrlProblem } from '../../shared/domain/url-links';
import type { Translate } from '../i18n/translate';

/** Why a link cannot go up, in the person's language (the code comes from queue:check-urls). */
export function describeLinkProblem(t: Translate, problem: UrlProblem): string {
  switch (problem.code) {
    case 'scheme':
      return t('links.problem.scheme', { scheme: problem.scheme });
    case 'extension':
      return t('links.problem.extension', { ext: problem.ext });
    case 'mode-unavailable':
      return t(
        problem.mode === 'relay'
          ? 'links.problem.mode-unavailable.relay'
          : 'links.problem.mode-unavailable.pull',
      );
    default:
      return t(`links.problem.${problem.code}`);
  }
}

const LIST_ERRORS = new Set([
  'URL_LIST_UNREADABLE',
  'URL_LIST_TOO_LARGE',
  'URL_LIST_EMPTY',
  'URL_LIST_TOO_MANY',
]);

/** A failed check or add of links: a list main could not read is said in the person's language. */
export function describeLinksError(t: Translate, error: { code: string; message: string }): string {
  if (LIST_ERRORS.has(error.code)) {
    return t(`links.error.${error.code as 'URL_LIST_EMPTY'}`);
  }
  return t('links.failed', { message: error.message });
}

/** The non-empty lines of the box, with their line numbers (1-based) so a verdict points at its line. */
export function linesOf(text: string): Array<{ readonly n: number; readonly text: string }> {
  return text
    .split(/\r?\n/)
    .map((line, i) => ({ n: i + 1, text: line.trim() }))
    .filter((line) => line.text !== '');
}
