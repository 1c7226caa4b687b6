import stringWidth from 'string-width';

/**
 * A small terminal for tests: applies what a program writes (text, \r, \n, and the CSI sequences the CLI uses:
 * cursor up/previous line, erase below/line, SGR colours and cursor show/hide, which draw nothing) to a grid
 * of `columns`, wrapping long lines as a terminal does, with wide characters taking two cells. What is on it
 * afterwards is what a user sees, fragments included.
 */
export class TerminalScreen {
  private rows: string[][] = [[]];
  private row = 0;
  private col = 0;

  public constructor(public readonly columns: number) {}

  public write(text: string): void {
    let i = 0;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '\x1b' && text[i + 1] === '[') {
        // eslint-disable-next-line no-control-regex -- an escape sequence is what is parsed here
        const match = /^\x1b\[(\??)(\d*)([A-Za-z])/.exec(text.slice(i));
        if (!match) throw new Error(`unsupported escape at ${JSON.stringify(text.slice(i, i + 8))}`);
        this.csi(match[1] === '?', match[2] === '' ? 1 : Number(match[2]), match[3]!);
        i += match[0].length;
        continue;
      }
      if (ch === '\n') {
        this.row++;
        this.col = 0;
        this.ensureRow();
      } else if (ch === '\r') {
        this.col = 0;
      } else {
        const cp = String.fromCodePoint(text.codePointAt(i)!);
        const w = stringWidth(cp);
        if (this.col + w > this.columns) {
          this.row++;
          this.col = 0;
          this.ensureRow();
        }
        const line = this.rows[this.row]!;
        line[this.col] = cp;
        if (w === 2) line[this.col + 1] = '';
        this.col += w;
        i += cp.length;
        continue;
      }
      i++;
    }
  }

  /** The screen's lines, trailing blanks trimmed, trailing empty lines dropped. */
  public lines(): string[] {
    const out = this.rows.map((cells) =>
      Array.from({ length: cells.length }, (_, i) => cells[i] ?? ' ')
        .join('')
        .trimEnd(),
    );
    while (out.length > 0 && out.at(-1) === '') out.pop();
    return out;
  }

  private csi(privateMode: boolean, n: number, final: string): void {
    if (privateMode || final === 'm') return; // cursor visibility, colours: nothing drawn
    switch (final) {
      case 'A':
        this.row = Math.max(0, this.row - n);
        return;
      case 'F':
        this.row = Math.max(0, this.row - n);
        this.col = 0;
        return;
      case 'J':
        this.rows[this.row] = this.rows[this.row]!.slice(0, this.col);
        this.rows.length = this.row + 1;
        return;
      case 'K':
        this.rows[this.row] = this.rows[this.row]!.slice(0, this.col);
        return;
      default:
        throw new Error(`unsupported CSI ${n}${final}`);
    }
  }

  private ensureRow(): void {
    while (this.rows.length <= this.row) this.rows.push([]);
  }
}
