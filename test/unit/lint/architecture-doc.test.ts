import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { JOB_STATES, type JobState } from '../../../shared/domain/job-status';
import { JOB_TRANSITIONS } from '../../../shared/domain/job-transitions';

const doc = readFileSync(join(process.cwd(), 'docs/architecture.md'), 'utf8');

/** The first ```mermaid block after `marker`. */
function mermaidAfter(text: string, marker: string): string {
  const at = text.indexOf(marker);
  expect(at, `docs/architecture.md has the marker ${marker}`).toBeGreaterThanOrEqual(0);
  const block = /```mermaid\n([\s\S]*?)```/.exec(text.slice(at));
  expect(block, `a mermaid block follows ${marker}`).not.toBeNull();
  return block![1]!;
}

/** The edges of a mermaid state diagram as "from -> to: cause" (unlabelled edges are the engine's). */
function diagramEdges(diagram: string): string[] {
  const alias = new Map<string, string>();
  for (const [, name, id] of diagram.matchAll(/^\s*state "([^"]+)" as (\w+)\s*$/gm)) alias.set(id!, name!);
  const state = (id: string) => alias.get(id) ?? id;
  const edges: string[] = [];
  for (const [, from, to, cause] of diagram.matchAll(/^\s*(\w+) --> (\w+)(?:\s*:\s*(\S+))?\s*$/gm)) {
    edges.push(`${state(from!)} -> ${state(to!)}: ${cause ?? 'engine'}`);
  }
  return edges.sort();
}

function tableEdges(): string[] {
  return JOB_STATES.flatMap((from) =>
    Object.entries(JOB_TRANSITIONS[from]).map(([to, cause]) => `${from} -> ${to}: ${cause}`),
  ).sort();
}

describe('docs/architecture.md', () => {
  it('draws exactly the transition table: every edge, with its cause, and no other', () => {
    expect(diagramEdges(mermaidAfter(doc, 'job-state-diagram'))).toEqual(tableEdges());
  });

  it('starts at queued and ends at the final states', () => {
    const diagram = mermaidAfter(doc, 'job-state-diagram');
    expect(diagram).toMatch(/^\s*\[\*\] --> queued\s*$/m);
    const finals = [...diagram.matchAll(/^\s*(\w+) --> \[\*\]\s*$/gm)].map((m) => m[1] as JobState).sort();
    expect(finals).toEqual(JOB_STATES.filter((s) => Object.keys(JOB_TRANSITIONS[s]).length === 0).sort());
  });

  it('would notice a diagram that drifted (the check can fail)', () => {
    const drifted =
      'stateDiagram-v2\n  state "source-missing" as sm\n  canceled --> queued: retry\n  sm --> queued\n';
    expect(diagramEdges(drifted)).toEqual(['canceled -> queued: retry', 'source-missing -> queued: engine']);
    expect(diagramEdges(drifted)).not.toEqual(tableEdges());
  });

  it('lists the core layers of eslint.config.js, bottom first', async () => {
    const config = (await import(pathToFileURL(join(process.cwd(), 'eslint.config.js')).href)) as {
      CORE_LAYERS: string[][];
    };
    const section = doc.slice(doc.indexOf('core-layers'), doc.indexOf('## The data path'));
    const listed = [...section.matchAll(/^\d+\. (.*?):/gm)].map((m) =>
      [...m[1]!.matchAll(/`(\w+)`/g)].map((n) => n[1]),
    );
    expect(listed).toEqual(config.CORE_LAYERS);
  });

  it('is what source comments cite: none points to an architecture file outside the repository', () => {
    const sources = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter((f) => /\.(ts|tsx|js|mjs|cjs)$/.test(f));
    const text = (file: string) => readFileSync(file, 'utf8');
    expect(sources.filter((f) => text(f).includes('ARCHITECTURE' + '.md'))).toEqual([]);
    expect(sources.filter((f) => text(f).includes('docs/architecture.md')).length).toBeGreaterThan(0);
  });
});
