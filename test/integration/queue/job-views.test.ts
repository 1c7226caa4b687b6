import { afterEach, describe, expect, it } from 'vitest';
import { toJobView } from '../../../electron/core/queue/job-row';
import { newJob, openTempStore } from './temp-db';

const opened: { cleanup: () => void }[] = [];
afterEach(() => {
  for (const o of opened.splice(0)) o.cleanup();
});

/** The queue a page at a time (queue:list with a limit, issue 19), against a real SQLite file. */
describe('job views, a page at a time', () => {
  it('gives every job once, in queue order, the same views as the whole list', () => {
    const t = openTempStore();
    opened.push(t);
    t.store.jobs.insertMany(Array.from({ length: 23 }, () => newJob()));
    t.store.jobs.setStatus(t.store.jobs.list()[4]!.id, { state: 'paused' });
    const whole = t.store.jobs.list().map(toJobView);
    expect(t.store.views.all()).toEqual(whole);

    const paged = [];
    let page = t.store.views.page(5);
    paged.push(...page.jobs);
    let pages = 1;
    while (page.more) {
      const last = page.jobs.at(-1)!;
      page = t.store.views.page(5, { position: last.position, id: last.id });
      paged.push(...page.jobs);
      pages++;
    }
    expect(pages).toBe(5);
    expect(paged).toEqual(whole);
    expect(t.store.views.page(23).more).toBe(false);
    expect(t.store.views.page(22).more).toBe(true);
  });

  it('does not skip a row when rows of earlier pages are removed or moved between pages', () => {
    const t = openTempStore();
    opened.push(t);
    t.store.jobs.insertMany(Array.from({ length: 10 }, () => newJob()));
    const ids = t.store.jobs.list().map((j) => j.id);
    const first = t.store.views.page(4);
    // Between the pages: two rows of the first page go, one moves to the bottom.
    t.store.jobs.remove([ids[0]!, ids[1]!]);
    t.store.jobs.reorder([ids[2]!], 'bottom');
    const last = first.jobs.at(-1)!;
    const rest = t.store.views.page(100, { position: last.position, id: last.id });
    expect(rest.jobs.map((j) => j.id)).toEqual([...ids.slice(4), ids[2]]);
    expect(rest.more).toBe(false);
  });

  it('reads a snapshot’s changed rows in one query, unknown ids left out', () => {
    const t = openTempStore();
    opened.push(t);
    t.store.jobs.insertMany([newJob(), newJob(), newJob()]);
    const [a, , c] = t.store.jobs.list();
    const got = t.store.views.byIds([c!.id, 'gone', a!.id]);
    expect(got.map((j) => j.id).sort()).toEqual([a!.id, c!.id].sort());
    expect(got.find((j) => j.id === a!.id)).toEqual(toJobView(a!));
  });
});
