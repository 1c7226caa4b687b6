import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useApi } from '../api/api-context';
import { useLinkCheck, type LinkModeChoice } from '../hooks/use-link-check';
import { useTranslate } from '../i18n/use-translate';
import { describeProblem, METADATA_LABELS } from '../lib/field-problem';
import { describeLinkProblem, describeLinksError, linesOf } from '../lib/link-problem';
import { batchOptions, useBatchStore } from '../store/batch-store';
import { useUiStore } from '../store/ui-store';

const MODES: readonly LinkModeChoice[] = ['auto', 'pull', 'relay'];

/**
 * "Add links…": one link per line, or the links of .txt/.csv lists dropped on the window (main reads them).
 * Main checks every line as the queue would (queue:check-urls) and the verdict shows beside it before
 * anything is queued; "Queue" sends the ready ones with the batch options, and the lines with a problem
 * stay in the box. The mode (automatic, VOD pulls, this computer relays) is the whole batch's. docs/urls.md.
 */
export function AddLinksDialog() {
  const t = useTranslate();
  const api = useApi();
  const request = useUiStore((s) => s.links);
  const dialog = useRef<HTMLDialogElement>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const [text, setText] = useState('');
  const [mode, setMode] = useState<LinkModeChoice>('auto');
  const [note, setNote] = useState<string | null>(null);
  const [listQueued, setListQueued] = useState(false);
  const [busy, setBusy] = useState(false);
  const lists = useMemo(() => request?.lists ?? [], [request]);
  const entries = useMemo(() => (lists.length > 0 ? [] : linesOf(text)), [lists, text]);
  const urls = useMemo(() => entries.map((e) => e.text), [entries]);
  const check = useLinkCheck(urls, lists, mode, request === null ? 'closed' : listQueued ? 'frozen' : 'open');

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (request && !el.open) {
      setText('');
      setMode('auto');
      setNote(null);
      setListQueued(false);
      el.showModal();
      box.current?.focus();
    } else if (!request && el.open) el.close();
  }, [request]);

  const close = () => useUiStore.getState().openLinks(null);
  const lines = check.lines ?? [];
  const good = lines.filter((l) => l.ok).length;
  const bad = lines.length - good;

  const queue = async () => {
    const ui = useUiStore.getState();
    const batch = batchOptions(useBatchStore.getState());
    if (!batch.ok) {
      setNote(
        t('batch.invalid', { message: describeProblem(t, t(METADATA_LABELS[batch.field]), batch.problem) }),
      );
      return;
    }
    const ready = entries.filter((_, i) => lines[i]?.ok === true).map((e) => e.text);
    const urlMode = mode === 'auto' ? {} : { urlMode: mode };
    setBusy(true);
    const result = await api.call(
      'queue:add-urls',
      lists.length > 0
        ? { lists: [...lists], options: batch.options, ...urlMode }
        : { urls: ready, options: batch.options, ...urlMode },
    );
    setBusy(false);
    if (!result.ok) {
      setNote(describeLinksError(t, result.error));
      return;
    }
    const added = result.value.added;
    const queued = added === 1 ? t('links.queued.one') : t('links.queued.other', { count: added });
    ui.setLastAdd(result.value);
    ui.announce(queued);
    const leftOut = lists.length > 0 ? bad : entries.length - ready.length;
    if (leftOut === 0 && result.value.skipped.length === 0) {
      close();
      return;
    }
    if (lists.length > 0) {
      setListQueued(true);
      setNote(`${queued}. ${t('links.listLeftOut')}`);
    } else {
      setText(
        entries
          .filter((_, i) => lines[i]?.ok !== true)
          .map((e) => e.text)
          .join('\n'),
      );
      setNote(`${queued}. ${t('links.leftInBox')}`);
    }
  };

  const listNames = lists.map((p) => p.split(/[\\/]/).pop() ?? p).join(', ');
  return (
    <dialog
      ref={dialog}
      className="dialog links-dialog"
      aria-labelledby={`${id}-title`}
      onClose={close}
      data-testid="links-dialog"
    >
      <h2 id={`${id}-title`}>{lists.length > 0 ? t('links.titleLists') : t('links.title')}</h2>
      {lists.length > 0 ? (
        <p>
          {t('links.lists')}: <span translate="no">{listNames}</span>
        </p>
      ) : (
        <>
          <p className="help">{t('links.intro')}</p>
          <label htmlFor={`${id}-box`}>{t('links.box')}</label>
          <textarea
            ref={box}
            id={`${id}-box`}
            className="links-dialog__box"
            rows={7}
            spellCheck={false}
            autoComplete="off"
            translate="no"
            placeholder="https://example.com/clip.mp4"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setNote(null);
            }}
          />
        </>
      )}
      <fieldset className="links-dialog__modes">
        <legend>{t('links.mode')}</legend>
        {MODES.map((m) => (
          <label key={m} className="links-dialog__mode">
            <input
              type="radio"
              name={`${id}-mode`}
              value={m}
              checked={mode === m}
              disabled={listQueued}
              aria-describedby={`${id}-${m}`}
              onChange={() => setMode(m)}
            />
            <span>
              <strong>{t(`links.mode.${m}`)}</strong>
              <span id={`${id}-${m}`} className="help">
                {t(`links.mode.${m}.help`)}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <p className="help">{t('links.batchNote')}</p>
      <p className="links-dialog__status" aria-live="polite" data-testid="links-status">
        {check.error ??
          (check.checking
            ? t('links.checking')
            : lines.length === 0 && lists.length === 0
              ? t('links.empty')
              : lines.length > 0
                ? t('links.counts', { good, bad })
                : '')}
      </p>
      {lines.length > 0 ? (
        <ol className="link-lines" data-testid="link-lines">
          {lines.map((line, i) => (
            <li key={i} className="link-line" data-ok={line.ok ? 'true' : 'false'} data-testid="link-line">
              {entries[i] ? (
                <span className="link-line__n">{t('links.line', { n: entries[i].n })}</span>
              ) : null}
              <code translate="no">{line.display}</code>
              <span className={line.ok ? 'link-line__ok' : 'link-line__problem'}>
                {line.ok ? t(`links.ok.${line.mode}`) : describeLinkProblem(t, line.problem)}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
      {note ? (
        <p className="links-dialog__note" data-testid="links-note">
          {note}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button" onClick={close}>
          {t('links.close')}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={good === 0 || check.checking || busy || listQueued}
          onClick={() => void queue()}
        >
          {good === 1 ? t('links.queue.one') : t('links.queue.other', { count: good })}
        </button>
      </div>
    </dialog>
  );
}
