// Turns a stream of text chunks into whole lines for the CLI's line-based output (a partial line waits for its end).

export class LineBufferedOutput {
  private partial = '';

  constructor(private readonly writeLine: (line: string) => void) {}

  write(text: string): void {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop()!;
    for (const line of lines) this.writeLine(line.replace(/\r$/, ''));
  }

  flush(): void {
    if (this.partial !== '') this.writeLine(this.partial);
    this.partial = '';
  }
}
