import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { LiveArea } from '../../../electron/cli/output/live-area';
import {
  formatDuration,
  renderFrame,
  truncateMiddle,
  type LiveFile,
  type LiveView,
} from '../../../electron/cli/output/live-frame';
import { TerminalScreen } from '../../helpers/terminal-screen';

const MiB = 1024 * 1024;

function file(id: string, name: string, done: number, size = 100 * MiB, state = 'uploading'): LiveFile {
  return { id, name, size, bytesDone: done * MiB, speed: 2 * MiB, state };
}

function view(active: LiveFile[], extra: Partial<LiveView> = {}): LiveView {
  return {
    done: 0,
    jobs: 5,
    bytesDone: 120 * MiB,
    bytesTotal: 500 * MiB,
    speed: 6 * MiB,
    etaSeconds: 65,
    active,
    ...extra,
  };
}

/** A terminal, and a LiveArea drawing on it. */
function terminal(columns: number) {
  const screen = new TerminalScreen(columns);
  const out = { isTTY: true, columns, write: (text: string) => screen.write(text) };
  return { screen, area: new LiveArea(out) };
}

describe('renderFrame', () => {
  const cjk = [
    file('a', '第一天采访素材_机位A_第003条.mov', 40),
    file('b', '東京ロケ_カメラB_テイク12.mp4', 3),
    file('c', 'A001_C002_0101XY.mov', 99),
  ];

  it.each([40, 60, 80, 120])('fits every line in %i columns, measuring CJK characters as two', (columns) => {
    const lines = renderFrame(view(cjk), { columns, color: false });
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(columns - 1);
    // Aligned: the bars start in the same display column whatever the script of the name.
    const bars = lines.slice(1).map((line) => line.search(/[█░]/));
    if (columns >= 80) expect(bars.every((i) => i > 0)).toBe(true);
    if (bars.every((i) => i > 0)) {
      const barColumns = lines.slice(1).map((line, i) => stringWidth(line.slice(0, bars[i])));
      expect(new Set(barColumns).size).toBe(1);
    }
  });

  it('keeps the start and the extension of a long CJK name, cut in the middle', () => {
    const cut = truncateMiddle('第一天采访素材_机位A_第003条.mov', 16);
    expect(stringWidth(cut)).toBeLessThanOrEqual(16);
    expect(cut.startsWith('第一天')).toBe(true);
    expect(cut.endsWith('.mov')).toBe(true);
    expect(cut).toContain('…');
    // A two-column character is never split into half a cell.
    const even = truncateMiddle('素材素材素材素材', 7);
    expect(stringWidth(even)).toBeGreaterThanOrEqual(6);
    expect(stringWidth(even)).toBeLessThanOrEqual(7);
    expect(even).toMatch(/^素.*….*材$/);
  });

  it('shows the batch ETA and speed on the total line, and no colour codes when colour is off', () => {
    const [total, ...files] = renderFrame(view(cjk), { columns: 100, color: false });
    expect(total).toBe('Total 0/5 files  120 MiB/500 MiB  24%  6.0 MiB/s  ETA 1m05s');
    expect(files.join('\n')).not.toContain('\x1b[');
    expect(renderFrame(view(cjk), { columns: 100, color: true }).join('')).toContain('\x1b[32m');
  });

  it('counts the files beyond the cap in one line', () => {
    const many = Array.from({ length: 20 }, (_, i) => file(String(i), `clip-${i}.mp4`, i));
    const lines = renderFrame(view(many), { columns: 80, color: false, maxFiles: 5 });
    expect(lines).toHaveLength(7);
    expect(lines.at(-1)).toBe('… and 15 more');
  });

  it('formats durations', () => {
    expect([5, 65, 3599, 3600 * 2 + 61, 3600 * 150].map(formatDuration)).toEqual([
      '5s',
      '1m05s',
      '59m59s',
      '2h01m',
      '150h',
    ]);
  });
});

describe('LiveArea on a terminal', () => {
  it('redraws in place: finished files leave the live area, logged lines stay above, no fragments', () => {
    const columns = 60;
    const { screen, area } = terminal(columns);
    const a = file('a', '第一天采访素材_机位A_第003条.mov', 10);
    const b = file('b', 'B-roll 東京.mp4', 20);
    const c = file('c', 'interview.mov', 30);
    const frame = (v: LiveView) => renderFrame(v, { columns, color: true });

    area.log('Queued 3 file(s), 300 MiB.');
    area.draw(frame(view([a, b, c])));
    area.draw(frame(view([{ ...a, bytesDone: 60 * MiB }, b, c])));
    // b finishes: its line is logged above and it leaves the live area.
    area.log('done      B-roll 東京.mp4 -> 9f1c');
    area.draw(frame(view([{ ...a, bytesDone: 70 * MiB }, c], { done: 1 })));
    area.draw(frame(view([{ ...a, bytesDone: 80 * MiB }, c], { done: 1 })));

    const shown = screen.lines();
    expect(shown).toEqual([
      'Queued 3 file(s), 300 MiB.',
      'done      B-roll 東京.mp4 -> 9f1c',
      ...renderFrame(view([{ ...a, bytesDone: 80 * MiB }, c], { done: 1 }), { columns, color: false }),
    ]);
    expect(shown.filter((line) => line.includes('B-roll')).length).toBe(1);
    expect(shown.some((line) => line.includes(' 0%'))).toBe(false);

    // At the end the live area goes away entirely.
    area.clear();
    expect(screen.lines()).toEqual(['Queued 3 file(s), 300 MiB.', 'done      B-roll 東京.mp4 -> 9f1c']);
  });

  it('a frame that shrinks from many lines to one leaves nothing behind', () => {
    const { screen, area } = terminal(50);
    const many = Array.from({ length: 6 }, (_, i) => file(String(i), `片段${i}.mp4`, 10 * i));
    area.draw(renderFrame(view(many), { columns: 50, color: false }));
    area.draw(renderFrame(view([], { done: 5, jobs: 5 }), { columns: 50, color: false }));
    expect(screen.lines()).toEqual([
      renderFrame(view([], { done: 5, jobs: 5 }), { columns: 50, color: false })[0],
    ]);
  });
});
