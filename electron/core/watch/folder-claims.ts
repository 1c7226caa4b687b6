import { realpathSync } from 'node:fs';

/**
 * Which path a watched folder reaches each real folder by. Symbolic links to folders are followed (a NAS
 * share or a card linked into the watched folder), but a real folder is looked at through one path only: a
 * link back to a parent (a loop) or to a folder already inside the tree (a second way in) is left out, so a
 * file is never seen under two paths and a loop never grows without end (chokidar alone follows
 * `a/loop/a/loop/…` until the system refuses with ELOOP).
 */
export class FolderClaims {
  private readonly owners = new Map<string, string>();

  public constructor(root: string) {
    this.owners.set(realOf(root) ?? root, root);
  }

  /** True when `dir` is the path its real folder is looked at by (the first to ask wins); false for a loop,
   * a second way into a folder already watched, or a link that leads nowhere. */
  public claim(dir: string): boolean {
    const real = realOf(dir);
    if (real === undefined) return false;
    const owner = this.owners.get(real);
    if (owner !== undefined) return owner === dir;
    this.owners.set(real, dir);
    return true;
  }
}

function realOf(path: string): string | undefined {
  try {
    // Synchronous because chokidar's `ignored` is; called once per folder, not per file.
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
