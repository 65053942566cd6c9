// Test helper: a temporary PATH directory holding fake tools that replay recorded output, hang, or are not executable.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface RecordedOutput {
  stdout?: string;
  stderr?: string;
  code?: number;
}

export class FakeToolDir {
  private constructor(readonly dir: string) {}

  static async create(): Promise<FakeToolDir> {
    return new FakeToolDir(await mkdtemp(path.join(os.tmpdir(), 'mirador-fake-tools-')));
  }

  /** A tool that prints what the real one printed; the output lives in side files so no quoting can change it. */
  async replay(name: string, output: RecordedOutput): Promise<string> {
    await writeFile(path.join(this.dir, `${name}.stdout`), output.stdout ?? '');
    await writeFile(path.join(this.dir, `${name}.stderr`), output.stderr ?? '');
    const script = `#!/bin/sh\n/bin/cat '${this.dir}/${name}.stdout'\n/bin/cat '${this.dir}/${name}.stderr' >&2\nexit ${output.code ?? 0}\n`;
    return this.script(name, script);
  }

  async script(name: string, text: string, mode = 0o755): Promise<string> {
    const file = path.join(this.dir, name);
    await writeFile(file, text, { mode });
    return file;
  }

  remove(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true });
  }
}
