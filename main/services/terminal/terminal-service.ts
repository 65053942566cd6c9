// The terminal service behind terminal/*: creates shells in the workspace, relays their I/O, and never leaves orphans.
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MiradorErrorCode } from '../../api/errors';
import type {
  TerminalAckParams,
  TerminalCreateParams,
  TerminalDataEvent,
  TerminalExitEvent,
  TerminalInfo,
  TerminalInputParams,
  TerminalResizeParams,
} from '../../api/terminal-protocol';
import { MiradorError } from '../mirador-error';
import { PtyTerminal } from './pty-terminal';
import { shellEnvironment } from './shell-environment';
import { resolveShell } from './shell-resolver';
import { requireAckChars, requireInputData, requireTerminalId, requireTerminalSize } from './terminal-params';

export interface TerminalServiceOptions {
  /** The workspace folder, or null when none is open (the shell then starts in $HOME). */
  cwd: () => string | null;
  /** Environment the shells inherit; defaults to the backend's own. */
  env?: NodeJS.ProcessEnv;
  onData: (event: TerminalDataEvent) => void;
  onExit: (event: TerminalExitEvent) => void;
  /** How long a killed shell gets to exit after SIGHUP before SIGKILL. */
  killGraceMs?: number;
}

const DEFAULT_KILL_GRACE_MS = 1000;

export class TerminalService {
  private readonly terminals = new Map<number, PtyTerminal>();
  private nextId = 1;
  private disposed = false;

  constructor(private readonly options: TerminalServiceOptions) {}

  create(params: TerminalCreateParams): TerminalInfo {
    if (this.disposed) throw new MiradorError(MiradorErrorCode.unavailable, 'The terminal service has shut down; restart Mirador.');
    const { cols, rows } = requireTerminalSize(params);
    const env = this.options.env ?? process.env;
    const shell = resolveShell(env);
    const cwd = this.startDirectory(env);
    const id = this.nextId++;
    const info: TerminalInfo = { id, shell, cwd, title: path.basename(shell) };
    const terminal = new PtyTerminal({
      info,
      env: shellEnvironment(env),
      cols,
      rows,
      onData: (data) => this.options.onData({ id, data }),
      onExit: (exit) => {
        this.terminals.delete(id);
        if (!this.disposed) this.options.onExit({ id, ...exit });
      },
    });
    this.terminals.set(id, terminal);
    return info;
  }

  input(params: TerminalInputParams): void {
    this.get(params.id).write(requireInputData(params.data));
  }

  resize(params: TerminalResizeParams): void {
    const terminal = this.get(params.id);
    const { cols, rows } = requireTerminalSize(params);
    terminal.resize(cols, rows);
  }

  ack(params: TerminalAckParams): void {
    this.get(params.id).acknowledge(requireAckChars(params.chars));
  }

  /** Resolves when the shell and its jobs are gone; the terminal/exit event has been sent by then. */
  async kill(params: { id: number }): Promise<void> {
    await this.get(params.id).terminate(this.killGraceMs);
  }

  /** Kills every terminal without sending exit events: whoever listened is going away too. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const terminals = [...this.terminals.values()];
    this.terminals.clear();
    await Promise.all(terminals.map((terminal) => terminal.terminate(this.killGraceMs)));
  }

  /** Process ids of the live shells, so the host can tell what it owns. */
  get pids(): number[] {
    return [...this.terminals.values()].map((terminal) => terminal.pid);
  }

  /** Characters sent for a terminal but not yet acknowledged; what flow control acts on. */
  unacknowledged(id: number): number {
    return this.get(id).unacknowledged;
  }

  private get killGraceMs(): number {
    return this.options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  }

  private get(id: unknown): PtyTerminal {
    const terminal = this.terminals.get(requireTerminalId(id));
    if (!terminal) {
      throw new MiradorError(MiradorErrorCode.notFound, `Terminal ${String(id)} does not exist or has exited; open a new terminal.`);
    }
    return terminal;
  }

  private startDirectory(env: NodeJS.ProcessEnv): string {
    const workspace = this.options.cwd();
    if (workspace !== null) {
      if (!isDirectory(workspace)) {
        throw new MiradorError(
          MiradorErrorCode.notFound,
          `The workspace folder ${workspace} no longer exists, so a terminal cannot start there; open another folder.`,
        );
      }
      return workspace;
    }
    const home = env.HOME || os.homedir();
    if (!isDirectory(home)) {
      throw new MiradorError(
        MiradorErrorCode.notFound,
        `No workspace is open and the home folder ${home} does not exist; open a folder first or set HOME.`,
      );
    }
    return home;
  }
}

function isDirectory(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}
