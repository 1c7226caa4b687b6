import { AppError } from '../base/app-error';

/**
 * A worker's path mapping (`--path-map /Volumes/NAS=/mnt/nas`): the team queue keeps each file's path as the
 * machine that queued it saw it; a worker that mounts the same share elsewhere reads it under its own prefix.
 * The longest matching prefix wins; a path no rule matches is read as it is.
 */
export interface PathMapRule {
  readonly from: string;
  readonly to: string;
}

export function parsePathMap(specs: readonly string[]): PathMapRule[] {
  return specs.map((spec) => {
    const at = spec.indexOf('=');
    const from = at < 0 ? '' : trimSlash(spec.slice(0, at));
    const to = at < 0 ? '' : trimSlash(spec.slice(at + 1));
    if (from === '' || to === '') {
      throw new AppError(
        'TEAM_PATH_MAP_INVALID',
        `--path-map needs FROM=TO, two folder prefixes, e.g. /Volumes/NAS=/mnt/nas (got "${spec}").`,
      );
    }
    return { from, to };
  });
}

export function mapPath(path: string, rules: readonly PathMapRule[]): string {
  let best: PathMapRule | undefined;
  for (const rule of rules) {
    if (path !== rule.from && !path.startsWith(`${rule.from}/`) && !path.startsWith(`${rule.from}\\`))
      continue;
    if (best === undefined || rule.from.length > best.from.length) best = rule;
  }
  return best === undefined ? path : best.to + path.slice(best.from.length);
}

function trimSlash(prefix: string): string {
  const trimmed = prefix.trim();
  return trimmed.length > 1 ? trimmed.replace(/[/\\]+$/, '') : trimmed;
}
