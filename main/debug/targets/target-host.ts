// The TargetHost providers get: the doctor's report, the workspace, a private run folder, free ports and tool runs.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TargetHost } from '../../api/target-provider-api';
import type { DoctorReport } from '../../api/toolchain-protocol';

/** Tool runs (solo5-elftool query-manifest) are quick; one that hangs must not hold a launch forever. */
const EXECUTE_TIMEOUT_MS = 30_000;
const EXECUTE_MAX_BUFFER = 8 * 1024 * 1024;

export interface LaunchHost extends TargetHost {
  /** Removes the run folder (sockets, generated configs, captures not yet moved elsewhere). */
  dispose(): Promise<void>;
}

export function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function executeTool(command: string, args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'utf8', timeout: EXECUTE_TIMEOUT_MS, maxBuffer: EXECUTE_MAX_BUFFER }, (error, stdout, stderr) => {
      if (error === null) return resolve({ stdout, stderr, code: 0 });
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return reject(new Error(`${command} was not found: install it, or check that it is on PATH.`));
      if (error.killed) return reject(new Error(`${command} ${args.join(' ')} did not finish within ${EXECUTE_TIMEOUT_MS / 1000} s and was stopped.`));
      resolve({ stdout, stderr, code: typeof code === 'number' ? code : 1 });
    });
  });
}

/** A host around a run folder the caller made and removes (the debug adapter makes one per launch). */
export function targetHost(doctor: DoctorReport, workspaceFolder: string, runDir: string): TargetHost {
  return { doctor, workspaceFolder: path.resolve(workspaceFolder), runDir, freePort: freeLocalPort, execute: executeTool };
}

/** A host with its own run folder under the system temp folder (short, so socket paths fit in 108 bytes). */
export async function createLaunchHost(doctor: DoctorReport, workspaceFolder: string): Promise<LaunchHost> {
  const runDir = await mkdtemp(path.join(os.tmpdir(), 'mirador-run-'));
  return { ...targetHost(doctor, workspaceFolder, runDir), dispose: () => rm(runDir, { recursive: true, force: true }) };
}

/** A host for questions that launch nothing (which targets are available): asking it for a run folder is a bug. */
export function inspectionHost(doctor: DoctorReport, workspaceFolder: string): TargetHost {
  return {
    doctor,
    workspaceFolder: path.resolve(workspaceFolder),
    get runDir(): string {
      throw new Error('This TargetHost only answers availability questions; it has no run folder (use createLaunchHost).');
    },
    freePort: freeLocalPort,
    execute: executeTool,
  };
}
