import type { WebContents } from 'electron';
import type { EventPayload } from '../../../shared/ipc/contract';
import { sendEvent } from '../ipc/gateway';
import { Inbox } from './open-paths';

export type AppCommand = EventPayload<'app:command'>['command'];

/**
 * What main has for the renderer outside any request: paths handed over at launch, by a second launch or by
 * macOS open-file, and menu commands. Nothing is sent before the renderer says it has subscribed (the
 * 'app:pending-paths' call): held paths go back in that call's answer, held commands follow as events, and
 * later ones are sent as they come, until the page reloads or the window closes.
 */
export class RendererInbox {
  private readonly paths = new Inbox<string[]>();
  private readonly commands = new Inbox<AppCommand>();

  public pushPaths(paths: readonly string[]) {
    if (paths.length > 0) this.paths.push([...paths]);
  }

  public pushCommand(command: AppCommand) {
    this.commands.push(command);
  }

  /** The renderer in `contents` has subscribed: returns the held paths and delivers everything else. */
  public connect(contents: WebContents): string[] {
    const held = this.paths.openAndTake((paths) => sendEvent(contents, 'app:open-paths', { paths }));
    this.commands.open((command) => sendEvent(contents, 'app:command', { command }));
    return held.flat();
  }

  /** The page is (re)loading or gone: hold messages again until it subscribes. */
  public disconnect() {
    this.paths.close();
    this.commands.close();
  }
}
