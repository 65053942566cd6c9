// Terminal part of the contract: pseudo-terminals in the backend, rendered by xterm in the panel, with flow control.

export interface TerminalCreateParams {
  cols: number;
  rows: number;
}

export interface TerminalInfo {
  id: number;
  /** The shell's executable, e.g. /bin/bash. */
  shell: string;
  /** Absolute working directory the shell started in. */
  cwd: string;
  title: string;
}

export interface TerminalInputParams {
  id: number;
  data: string;
}

export interface TerminalResizeParams {
  id: number;
  cols: number;
  rows: number;
}

/** The renderer acknowledges characters it has written to the screen; the backend pauses the pty past a watermark. */
export interface TerminalAckParams {
  id: number;
  chars: number;
}

export interface TerminalDataEvent {
  id: number;
  data: string;
}

export interface TerminalExitEvent {
  id: number;
  exitCode: number;
  signal?: number;
}

/** Flow-control watermarks, in characters not yet acknowledged by the renderer. */
export const TERMINAL_HIGH_WATERMARK = 100_000;
export const TERMINAL_LOW_WATERMARK = 10_000;
/** The renderer acknowledges after at least this many characters were written. */
export const TERMINAL_ACK_BATCH = 5_000;
