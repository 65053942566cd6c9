// Watches the guest's console for the first complete line matching `--until`, as the text streams in.

/** SGR colour and other CSI sequences: a console line is matched as a person reads it, without them. */
const CSI_SEQUENCE = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;

export class ConsoleLineWatch {
  private partial = '';

  constructor(private readonly pattern: RegExp) {}

  /**
   * Feeds console text; returns how many characters of `text` lead up to and include the end of the first matching
   * line, or -1 while no line matched.
   */
  push(text: string): number {
    const combined = this.partial + text;
    let searchFrom = 0;
    for (;;) {
      const newline = combined.indexOf('\n', searchFrom);
      if (newline < 0) break;
      const line = combined.slice(searchFrom, newline).replace(/\r$/, '');
      if (this.matches(line)) return newline - this.partial.length + 1;
      searchFrom = newline + 1;
    }
    this.partial = combined.slice(searchFrom);
    return -1;
  }

  /** The console ended: a last line without a newline still counts. */
  finish(): boolean {
    const line = this.partial.replace(/\r$/, '');
    this.partial = '';
    return line !== '' && this.matches(line);
  }

  /** Whether a whole line (no newline) matches, as a person reads it. */
  matches(line: string): boolean {
    return this.pattern.test(line) || this.pattern.test(line.replace(CSI_SEQUENCE, ''));
  }
}
