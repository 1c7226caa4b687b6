/**
 * The @alicloud packages are CommonJS with `exports.default = Client`. Depending on who loads them (Node's
 * ESM loader, tsx, vitest, esbuild's bundle) a default import yields either the class or the whole exports
 * object; this unwraps either shape.
 */
export function cjsDefault<T>(mod: unknown): T {
  let current = mod as { default?: unknown } | undefined;
  for (let i = 0; i < 3 && current && typeof current !== 'function'; i += 1) {
    current = current.default as { default?: unknown } | undefined;
  }
  if (typeof current !== 'function') throw new Error('Unexpected module shape: no default export class');
  return current as T;
}
