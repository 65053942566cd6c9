// One live terminal: a shell on a node-pty pseudo-terminal, with batched output and flow control towards the renderer.
import { spawn, type IPty } from 'node-pty';
import { MiradorErrorCode } from '../../api/errors';
import type { TerminalInfo } from '../../api/terminal-protocol';
import { MiradorError } from '../mirador-error';
import { FlowControl } from './flow-control';
import { OutputBatcher } from './output-batcher';
import { terminateSession } from './session-terminator';

export interface PtyExit {
  exitCode: number;
  signal?: number;
}

export interface PtyTerminalOptions {
  info: TerminalInfo;
  env: Record<string, string>;
  cols: number;
  rows: number;
  onData: (data: string) => void;
  onExit: (exit: PtyExit) => void;
}

export class PtyTerminal {
  readonly info: TerminalInfo;
  readonly pid: number;
  private readonly pty: IPty;
  private readonly batcher: OutputBatcher;
  private readonly flow: FlowControl;
  private exited = false;
  private termination: Promise<void> | undefined;

  constructor(options: PtyTerminalOptions) {
    this.info = options.info;
    try {
      // No arguments: a shell whose stdin is a tty is interactive, and leaving out -l keeps it a non-login shell.
      this.pty = spawn(options.info.shell, [], {
        name: 'xterm-256color',
        cols: options.cols,
        rows: options.rows,
        cwd: options.info.cwd,
        env: options.env,
        encoding: 'utf8',
      });
    } catch (error) {
      throw new MiradorError(
        MiradorErrorCode.unavailable,
        `Could not start ${options.info.shell} in a pseudo-terminal: ${(error as Error).message}. Close other terminals or check the system's process and pty limits.`,
      );
    }
    this.pid = this.pty.pid;
    this.batcher = new OutputBatcher(options.onData);
    this.flow = new FlowControl(this.pty);
    this.pty.onData((data) => {
      if (this.termination) return;
      // Counted on arrival, not on send, so data still waiting in the batcher already holds the pty back.
      this.flow.produced(data.length);
      this.batcher.push(data);
    });
    this.pty.onExit(({ exitCode, signal }) => {
      this.batcher.flush();
      this.exited = true;
      options.onExit(signal ? { exitCode, signal } : { exitCode });
    });
  }

  get unacknowledged(): number {
    return this.flow.unacknowledged;
  }

  hasExited(): boolean {
    return this.exited;
  }

  write(data: string): void {
    this.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    try {
      this.pty.resize(cols, rows);
    } catch (error) {
      throw new MiradorError(
        MiradorErrorCode.unavailable,
        `Could not resize terminal ${this.info.id}: ${(error as Error).message}. The shell may just have exited.`,
      );
    }
  }

  acknowledge(chars: number): void {
    this.flow.acknowledged(chars);
  }

  /** Resolves once the shell and everything left in its session are gone (or could not be killed in time). */
  terminate(graceMs: number): Promise<void> {
    if (!this.termination) {
      this.batcher.dispose();
      // A paused pty is never read, so it would not notice the hang-up until node-pty's close timeout.
      if (this.flow.isPaused) this.pty.resume();
      this.termination = this.exited ? Promise.resolve() : terminateSession(this, graceMs);
    }
    return this.termination;
  }
}
