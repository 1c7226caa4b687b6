import { describe, expect, it } from 'vitest';
import { findCycles, importGraph } from '../../helpers/import-graph';

describe('import cycles', () => {
  it('finds none in the app, the CLI, the renderer, shared code or the tests', () => {
    const cycles = findCycles(importGraph(['electron', 'shared', 'renderer', 'test']));
    expect(cycles.map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('would find one (the detector can fail)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    expect(findCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
  });

  it('follows type-only imports and re-exports too', () => {
    const graph = importGraph(['electron/cli']);
    expect(graph.get('electron/cli/output/reporter.ts')).toContain('electron/cli/batch-tracker.ts');
  });
});
