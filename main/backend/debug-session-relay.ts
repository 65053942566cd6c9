// Starts `mirador debug-adapter` processes for a renderer and relays their DAP messages unchanged, both ways.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { DapMessage, DebugSessionInfo } from '../api/debug-protocol';
import { DapFrameReader, encodeDapMessage } from '../debug/protocol/dap-framing';
import { MiradorError } from '../services/mirador-error';

export interface DebugSessionRelayOptions {
  appRoot: string;
  cwd: () => string | null;
  onMessage(sessionId: number, message: DapMessage): void;
  onEnded(sessionId: number, reason?: string): void;
}

const STDERR_KEEP = 4000;

export class DebugSessionRelay {
  private readonly sessions = new Map<number, ChildProcess>();
  private nextId = 1;

  constructor(private readonly options: DebugSessionRelayOptions) {}

  start(): DebugSessionInfo {
    const sessionId = this.nextId++;
    const cli = path.join(this.options.appRoot, 'out', 'main', 'cli.js');
    // Under Electron, process.execPath is Electron itself: ELECTRON_RUN_AS_NODE makes it a plain Node.
    const child = spawn(process.execPath, [cli, 'debug-adapter'], {
      cwd: this.options.cwd() ?? process.cwd(),
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.sessions.set(sessionId, child);
    const reader = new DapFrameReader();
    let stderr = '';
    let failure: string | undefined;
    child.stdout!.on('data', (chunk: Buffer) => {
      try {
        for (const message of reader.push(chunk)) this.options.onMessage(sessionId, message);
      } catch (error) {
        failure = `the debug adapter wrote something that is not DAP (${(error as Error).message})`;
        child.kill('SIGTERM');
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-STDERR_KEEP)));
    child.on('error', (error) => (failure = `the debug adapter could not start: ${error.message}`));
    child.on('close', (code, signal) => {
      this.sessions.delete(sessionId);
      const abnormal = failure ?? (code !== 0 && code !== null ? `the debug adapter exited with status ${code}${stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}` : signal && signal !== 'SIGTERM' ? `the debug adapter was killed by ${signal}` : undefined);
      this.options.onEnded(sessionId, abnormal);
    });
    return { sessionId };
  }

  send(sessionId: number, message: DapMessage): void {
    const child = this.sessions.get(sessionId);
    if (!child || !child.stdin!.writable) throw new MiradorError('not-found', `Debug session ${sessionId} has ended; start a new run.`);
    child.stdin!.write(encodeDapMessage(message));
  }

  /** Ends a session's adapter; closing its stdin lets it stop the guest before it exits. */
  stop(sessionId: number): void {
    const child = this.sessions.get(sessionId);
    if (!child) return;
    child.stdin!.end();
    setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGTERM'), 3000).unref();
  }

  dispose(): void {
    for (const sessionId of [...this.sessions.keys()]) this.stop(sessionId);
  }
}
