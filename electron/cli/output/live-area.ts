import stringWidth from 'string-width';
import type { TextOut } from '../cli-io';

const ESC = '\x1b[';

/**
 * The bottom of a terminal that is redrawn in place: permanent lines scroll up above it, the live lines are
 * replaced. Each update is one write (no flicker, nothing interleaved): move to the first live line, erase to
 * the end of the screen, write what is new. It relies on every live line fitting the width (renderFrame sees
 * to that), so the lines drawn are exactly the rows to move back over; after the terminal is narrowed, rows
 * are counted from each line's width.
 */
export class LiveArea {
  private drawn: number[] = [];
  private drawnColumns = 0;
  private live: string[] = [];
  private cursorHidden = false;

  public constructor(private readonly out: TextOut) {}

  /** Replaces the live lines. */
  public draw(lines: readonly string[]): void {
    this.live = [...lines];
    this.out.write(this.hide() + this.erase() + this.paint());
  }

  /** Writes permanent lines above the live area (which is redrawn under them). */
  public log(text: string): void {
    const permanent = text.endsWith('\n') ? text : `${text}\n`;
    this.out.write(this.erase() + permanent + this.paint());
  }

  /** Removes the live area and gives the cursor back: the terminal is left as plain scrolled text. */
  public clear(): void {
    this.live = [];
    this.out.write(this.erase() + (this.cursorHidden ? `${ESC}?25h` : ''));
    this.cursorHidden = false;
  }

  private hide(): string {
    if (this.cursorHidden) return '';
    this.cursorHidden = true;
    return `${ESC}?25l`;
  }

  private erase(): string {
    const columns = this.columns();
    const rows =
      columns < this.drawnColumns
        ? this.drawn.reduce((sum, width) => sum + Math.max(1, Math.ceil(width / columns)), 0)
        : this.drawn.length;
    this.drawn = [];
    return rows > 0 ? `${ESC}${rows}F${ESC}J` : '';
  }

  private paint(): string {
    this.drawnColumns = this.columns();
    this.drawn = this.live.map((line) => stringWidth(line));
    return this.live.map((line) => `${line}\n`).join('');
  }

  private columns(): number {
    return this.out.columns && this.out.columns > 0 ? this.out.columns : 80;
  }
}
