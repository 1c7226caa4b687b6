import { useEffect, useState } from 'react';
import type { UrlLine } from '../../shared/domain/url-links';
import type { UrlMode } from '../../shared/logic/source-url';
import { useApi } from '../api/api-context';
import { useTranslate } from '../i18n/use-translate';
import { describeLinksError } from '../lib/link-problem';

export type LinkModeChoice = 'auto' | UrlMode;

export interface LinkCheck {
  /** One verdict per link given (or per link of the lists), in order; null until the first answer. */
  readonly lines: readonly UrlLine[] | null;
  readonly checking: boolean;
  readonly error: string | null;
}

/** Waits for typing to pause before asking main: one check per pause, not one per key. */
const CHECK_DELAY_MS = 250;

/**
 * Main's verdict on each link (queue:check-urls: the intake's own checks, so a line shown as ready is one
 * queue:add-urls takes). A newer input supersedes an answer still on its way.
 */
export function useLinkCheck(
  urls: readonly string[],
  lists: readonly string[],
  mode: LinkModeChoice,
  /** `frozen` keeps the last verdicts without asking again (a list already queued). */
  state: 'open' | 'frozen' | 'closed',
): LinkCheck {
  const api = useApi();
  const t = useTranslate();
  const [check, setCheck] = useState<LinkCheck>({ lines: null, checking: false, error: null });
  const key = JSON.stringify([urls, lists, mode, state]);

  useEffect(() => {
    const [u, l, m, on] = JSON.parse(key) as [string[], string[], LinkModeChoice, typeof state];
    if (on === 'frozen') return;
    if (on === 'closed' || u.length + l.length === 0) {
      setCheck({ lines: on === 'open' ? [] : null, checking: false, error: null });
      return;
    }
    let current = true;
    setCheck((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      void api
        .call('queue:check-urls', { urls: u, lists: l, ...(m === 'auto' ? {} : { urlMode: m }) })
        .then((result) => {
          if (!current) return;
          if (result.ok) setCheck({ lines: result.value.lines, checking: false, error: null });
          else setCheck({ lines: null, checking: false, error: describeLinksError(t, result.error) });
        });
    }, CHECK_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, t, key]);

  return check;
}
