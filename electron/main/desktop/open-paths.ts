import { resolve } from 'node:path';

/**
 * Paths a launch was given on its command line: the executable (and, when run as `electron .`, the app
 * folder) come first and are skipped, as are switches (`--foo`) and URLs; the rest are resolved against the
 * launching process's working directory.
 */
export function pathsFromArgv(argv: readonly string[], cwd: string, isDefaultApp: boolean): string[] {
  const skip = isDefaultApp ? 2 : 1;
  return argv
    .slice(skip)
    .filter((arg) => arg.length > 0 && !arg.startsWith('-') && !/^[a-z][a-z0-9+.-]+:\/\//i.test(arg))
    .map((arg) => resolve(cwd, arg))
    .filter((path) => path.length <= 4096);
}

/**
 * Holds messages for the renderer that arrive before it can take them (a file opened on the dock icon while
 * the app starts, a second launch during the first one's start-up, a menu command while the window loads)
 * and hands them over once it can.
 */
export class Inbox<T> {
  private pending: T[] = [];
  private deliver: ((item: T) => void) | null = null;

  public push(item: T) {
    if (this.deliver) this.deliver(item);
    else this.pending.push(item);
  }

  /** Starts delivering; anything held is delivered at once, in order. */
  public open(deliver: (item: T) => void) {
    this.deliver = deliver;
    const held = this.pending;
    this.pending = [];
    for (const item of held) deliver(item);
  }

  /** Stops delivering (the window went away or is reloading); later items are held again. */
  public close() {
    this.deliver = null;
  }
}
