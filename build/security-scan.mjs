// `npm run lint:security`: Electronegativity (Doyensec's static checker for Electron apps) over the main
// process, the preload and the renderer. Fails on any HIGH or CRITICAL finding; prints every finding.
// LOW / MEDIUM findings that were reviewed and accepted are listed in docs/desktop.md ("Security scan").
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;
// The app-wide checks (navigation limits, permission handler) look for code that lives in main; run on the
// renderer folder alone they can only report its absence, so they run on electron/ only.
const INPUTS = [
  { dir: 'electron', exclude: [] },
  { dir: 'renderer', exclude: ['LimitNavigationGlobalCheck', 'PermissionRequestHandlerGlobalCheck'] },
];
const BLOCKING = new Set(['HIGH', 'CRITICAL']);
// `--input <dir>` scans one other folder instead (used to check that the gate really fails).
const inputFlag = process.argv.indexOf('--input');
const inputs = inputFlag > 0 ? [{ dir: resolve(process.argv[inputFlag + 1] ?? '.'), exclude: [] }] : INPUTS;

/** RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      if (row.some((f) => f.trim() !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f.trim() !== '')) rows.push(row);
  return rows;
}

async function scan({ dir: input, exclude }) {
  const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  const out = join(dir, 'findings.csv');
  try {
    // -e: the checks depend on Electron's defaults; without it the tool assumes v0.1 and reports old defaults.
    await promisify(execFile)(
      process.execPath,
      [
        '--require',
        join(root, 'build', 'electronegativity-commander.cjs'),
        cli,
        ...['-i', resolve(root, input), '-e', electronVersion, '-o', out, '-r', '-v', 'false'],
        ...(exclude.length > 0 ? ['-x', exclude.join(',')] : []),
      ],
      { cwd: root, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
    );
    const [header, ...rows] = parseCsv(readFileSync(out, 'utf8'));
    const names = header.map((h) => h.trim());
    return rows.map((row) => Object.fromEntries(names.map((name, i) => [name, (row[i] ?? '').trim()])));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const findings = [];
for (const input of inputs) {
  for (const finding of await scan(input)) findings.push({ input: input.dir, ...finding });
}
for (const f of findings) {
  console.log(
    `${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.issue}  ${f.input}/${f.filename}:${f.location}`,
  );
}
const blocking = findings.filter((f) => BLOCKING.has(f.severity.toUpperCase()));
console.log(
  `electronegativity (Electron ${electronVersion}): ${findings.length} findings, ${blocking.length} high/critical`,
);
if (blocking.length > 0) process.exit(1);
