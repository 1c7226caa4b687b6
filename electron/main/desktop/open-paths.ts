import { resolve } from 'node:path';

/**
 * Paths a launch was given on its command line: the executable comes first and is skipped, and so, when run
 * as `electron <app folder>` (a development run, or Playwright's launcher, which puts its own switches before
 * the folder), is the first argument that is not a switch; switches (`--foo`) and URLs are dropped; the rest
 * are resolved against the launching process's working directory.
 */
export function pathsFromArgv(argv: readonly string[], cwd: string, isDefaultApp: boolean): string[] {
  const args = argv.slice(1).filter((arg) => arg.length > 0 && !arg.startsWith('-'));
  if (isDefaultApp) args.shift();
  return args
    .filter((arg) => !/^[a-z][a-z0-9+.-]+:\/\//i.test(arg))
    .map((arg) => resolve(cwd, arg))
    .filter((path) => path.length <= 4096);
}

/**
 * Holds messages for the renderer that arrive before it can take them (a file opened on the dock icon while
 * the app starts, a second launch during the first one's start-up, a menu command while the window loads)
 * and hands them over once it has subscribed.
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

  /** Starts delivering later items, and returns the held ones for the caller to hand over itself. */
  public openAndTake(deliver: (item: T) => void): T[] {
    this.deliver = deliver;
    const held = this.pending;
    this.pending = [];
    return held;
  }

  /** Stops delivering (the window went away or is reloading); later items are held again. */
  public close() {
    this.deliver = null;
  }
}
