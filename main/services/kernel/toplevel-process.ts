// One OCaml toplevel process running the Mirador driver: sends cells, turns its frames and streams into cell events.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { KernelFrameReader, type KernelStdoutEvent } from './kernel-frame-reader';
import { withParentDeathSignal } from './parent-death-wrapper';
import { DRIVER_ML, PRELUDE_ML } from './toplevel-driver-source';

export type CellEvent =
  | { type: 'stream'; name: 'stdout' | 'stderr'; text: string }
  | { type: 'frame'; kind: string; args: string[]; payload: Buffer };

export interface ToplevelExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ToplevelOptions {
  /** The toplevel program (default `ocaml` on PATH). */
  ocaml?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export class ToplevelProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly folder: string;
  private readonly nonce = randomBytes(8).toString('hex');
  private readonly stderrMarker: string;
  private readonly syncMarker: string;
  /** stdout events waiting for stderr to catch up: each frame needs one sync mark read from stderr first. */
  private held: KernelStdoutEvent[] = [];
  private syncs = 0;
  private readingStderr = false;
  private current: { sink: (event: CellEvent) => void; sawDone: boolean; sawStderrEnd: boolean; finish: () => void } | undefined;
  private stderrText = '';
  /** Completion requests in the order sent: the toplevel answers each with a `completion` frame, outside any cell. */
  private readonly completions: Array<(payload: string) => void> = [];
  private spawnError: Error | undefined;
  private readyState = false;
  /** stderr written outside cells or before the driver was ready (e.g. "Cannot find file topfind"), for saying why it died. */
  private strayStderr = '';
  readonly exited: Promise<ToplevelExit>;

  constructor(options: ToplevelOptions = {}) {
    this.folder = mkdtempSync(path.join(os.tmpdir(), 'mirador-kernel-'));
    writeFileSync(path.join(this.folder, 'mirador_driver.ml'), DRIVER_ML);
    writeFileSync(path.join(this.folder, 'mirador_prelude.ml'), PRELUDE_ML);
    this.stderrMarker = `\0${this.nonce} end\n`;
    this.syncMarker = `\0${this.nonce} sync\n`;
    // A cell spinning in a loop would outlive a killed backend otherwise: it no longer reads its stdin.
    const { command, args } = withParentDeathSignal(options.ocaml ?? 'ocaml', ['-noprompt', '-noinit', path.join(this.folder, 'mirador_driver.ml'), path.join(this.folder, 'mirador_prelude.ml')]);
    this.child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...(options.env ?? process.env), MIRADOR_KERNEL_NONCE: this.nonce },
      stdio: 'pipe',
    });
    const frames = new KernelFrameReader(this.nonce);
    this.child.stdout.on('data', (chunk: Buffer) => this.hold(frames.feed(chunk)));
    const stderrDecoder = new StringDecoder('utf8');
    this.child.stderr.on('data', (chunk: Buffer) => this.onStderr(stderrDecoder.write(chunk)));
    this.child.stdin.on('error', () => undefined);
    this.exited = new Promise((resolve, reject) => {
      this.child.on('error', (error) => {
        this.spawnError = error;
        reject(error);
      });
      this.child.on('close', (code, signal) => {
        rmSync(this.folder, { recursive: true, force: true });
        resolve({ code, signal });
      });
    });
    this.exited.catch(() => rmSync(this.folder, { recursive: true, force: true }));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.spawnError === undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The driver finished setting up (topfind and the prelude loaded) and reads cells. */
  get ready(): boolean {
    return this.readyState;
  }

  /** The end of what the toplevel wrote to stderr outside cells. */
  get strayOutput(): string {
    return this.strayStderr.trim();
  }

  /** Resolves once the cell's done frame and the stderr end marker both arrived, or the process ended. */
  run(code: string, sink: (event: CellEvent) => void): Promise<'done' | ToplevelExit> {
    const done = new Promise<'done'>((resolve) => {
      this.current = { sink, sawDone: false, sawStderrEnd: false, finish: () => resolve('done') };
    });
    const bytes = Buffer.from(code, 'utf8');
    this.child.stdin.write(`${bytes.length}\n`);
    this.child.stdin.write(bytes);
    return Promise.race([done, this.exited.catch((): ToplevelExit => ({ code: null, signal: null }))]);
  }

  /** Why the program could not be started at all (e.g. no `ocaml` on PATH). */
  get startError(): Error | undefined {
    return this.spawnError;
  }

  /**
   * Names the toplevel knows that start with `prefix` (a possibly qualified identifier), as `name\tkind\tdetail` lines.
   * Only between cells: the toplevel reads requests when it is not running one.
   */
  complete(prefix: string): Promise<string> {
    const answered = new Promise<string>((resolve) => this.completions.push(resolve));
    const bytes = Buffer.from(prefix, 'utf8');
    this.child.stdin.write(`complete ${bytes.length}\n`);
    this.child.stdin.write(bytes);
    return Promise.race([answered, this.exited.then(() => '', () => '')]);
  }

  interrupt(): void {
    if (this.alive) this.child.kill('SIGINT');
  }

  kill(): Promise<ToplevelExit> {
    if (this.alive) this.child.kill('SIGKILL');
    return this.exited.catch((): ToplevelExit => ({ code: null, signal: null }));
  }

  private hold(events: KernelStdoutEvent[]): void {
    this.held.push(...events);
    let delivered = false;
    while (this.held.length > 0) {
      const event = this.held[0]!;
      if (event.type === 'frame') {
        if (this.syncs === 0) break;
        this.syncs -= 1;
        delivered = true;
      }
      this.held.shift();
      this.onStdout(event);
    }
    // stderr written after that frame's sync mark waited for the frame (see onStderr).
    if (delivered && !this.readingStderr) this.onStderr('');
  }

  private onStdout(event: KernelStdoutEvent): void {
    if (event.type === 'frame' && event.kind === 'ready') {
      this.readyState = true;
      return;
    }
    if (event.type === 'frame' && event.kind === 'completion') {
      this.completions.shift()?.(event.payload.toString('utf8'));
      return;
    }
    const cell = this.current;
    if (!cell) return;
    if (event.type === 'text') cell.sink({ type: 'stream', name: 'stdout', text: event.text });
    else if (event.kind === 'done') {
      cell.sawDone = true;
      this.settle();
    } else cell.sink(event);
  }

  /**
   * A sync mark on stderr and the frame that follows it on stdout are one point in the cell's output: the frame waits
   * for the mark (stderr written before it comes first), and stderr after the mark waits for the frame (it was written
   * after it). Between two such points the pipes cannot tell which byte came first; each is streamed as it comes.
   */
  private onStderr(text: string): void {
    this.stderrText += text;
    this.readingStderr = true;
    try {
      while (this.syncs === 0) {
        const end = this.stderrText.indexOf(this.stderrMarker);
        const sync = this.stderrText.indexOf(this.syncMarker);
        if (end < 0 && sync < 0) {
          // Keep back a possible partial marker; everything before it is the cell's stderr, streamed as it comes.
          const partial = this.stderrText.lastIndexOf('\0');
          const tail = partial >= 0 ? this.stderrText.slice(partial) : '';
          const keep = partial >= 0 && (this.stderrMarker.startsWith(tail) || this.syncMarker.startsWith(tail)) ? partial : this.stderrText.length;
          this.emitStderr(this.stderrText.slice(0, keep));
          this.stderrText = this.stderrText.slice(keep);
          return;
        }
        const isSync = sync >= 0 && (end < 0 || sync < end);
        const at = isSync ? sync : end;
        this.emitStderr(this.stderrText.slice(0, at));
        this.stderrText = this.stderrText.slice(at + (isSync ? this.syncMarker : this.stderrMarker).length);
        if (isSync) {
          this.syncs += 1;
          this.hold([]);
        } else {
          if (this.current) this.current.sawStderrEnd = true;
          this.settle();
        }
      }
    } finally {
      this.readingStderr = false;
    }
  }

  private emitStderr(text: string): void {
    if (!text) return;
    if (this.current) this.current.sink({ type: 'stream', name: 'stderr', text });
    if (!this.current || !this.readyState) this.strayStderr = (this.strayStderr + text).slice(-2000);
  }

  private settle(): void {
    const cell = this.current;
    if (cell?.sawDone && cell.sawStderrEnd) {
      this.current = undefined;
      cell.finish();
    }
  }
}
