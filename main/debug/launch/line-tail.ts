// Keeps the last lines of a byte stream (a VMM's stderr), so an error report can quote what the VMM said before dying.

export class LineTail {
  private text = '';

  constructor(
    private readonly maxLines = 20,
    private readonly maxChars = 8000,
  ) {}

  push(chunk: Buffer | string): void {
    this.text = (this.text + chunk.toString()).slice(-this.maxChars);
  }

  lines(): string[] {
    const lines = this.text.split(/\r?\n/).filter((line) => line.trim() !== '');
    return lines.slice(-this.maxLines);
  }
}
