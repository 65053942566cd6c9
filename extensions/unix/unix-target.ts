// The `unix` target: the MirageOS unix build (dist/<name>) spawned as a process with the unikernel's arguments.
import path from 'node:path';
import type { CaptureSource, LaunchArguments, LaunchPlan } from '../../main/api/launch-protocol';
import type { TargetAvailability, TargetHost, TargetProvider } from '../../main/api/target-provider-api';
import { checkUnixImage } from './unix-image-check';

function unixAvailability(): TargetAvailability {
  if (process.platform === 'linux' || process.platform === 'darwin') return { available: true };
  return { available: false, reason: `MirageOS unix builds run on Linux and macOS, not ${process.platform}`, fix: 'use Linux (or WSL2) for the unix target' };
}

async function planUnix(launch: LaunchArguments, host: TargetHost): Promise<LaunchPlan> {
  if (!launch.kernel) throw new Error('"kernel" is not set: point it at the unix build of the unikernel, e.g. "dist/hello".');
  const binary = path.resolve(host.workspaceFolder, launch.kernel);
  const notes: string[] = [];
  if (launch.network?.mode === 'tap') {
    const tap = launch.network.tap ?? 'tap0';
    const capability = host.doctor.capabilities.find((candidate) => candidate.name === 'tap');
    notes.push(
      `A unix unikernel built with the direct network stack (mirage configure -t unix --net=direct) opens ${tap} itself` +
        (capability?.available ? '.' : `: create it first and make it yours (sudo ip tuntap add ${tap} mode tap user $USER), since this process lacks CAP_NET_ADMIN.`),
    );
  }
  if (launch.network?.mode === 'user') notes.push('A unix unikernel built with the socket stack uses the host network directly; "network" settings do not apply.');
  if (launch.memory !== undefined) notes.push('"memory" does not apply to the unix target: the process takes what it needs.');
  if (launch.noDebug !== true) notes.push('Running without a debugger: the unix target exposes no gdb stub (run `gdb --args` on the binary to debug it natively).');
  let capture: CaptureSource = { kind: 'none' };
  if (launch.capture && launch.network?.mode === 'tap') capture = { kind: 'tcpdump', interface: launch.network.tap ?? 'tap0' };
  else if (launch.capture) notes.push('"capture" records the tap device of a unix unikernel built with the direct stack: set "network": { "mode": "tap", "tap": "tap0" }; the socket stack\'s traffic is the host\'s own.');
  return {
    target: 'unix',
    command: binary,
    args: [...(launch.args ?? [])],
    cwd: launch.cwd ? path.resolve(host.workspaceFolder, launch.cwd) : host.workspaceFolder,
    console: { kind: 'stdio' },
    capture,
    stop: { kind: 'signal', signal: 'SIGTERM' },
    exitStatus: 'process',
    accelerator: { kind: 'none', reason: 'unix: a native process on this machine' },
    notes,
  };
}

export const unixTarget: TargetProvider = {
  id: 'unix',
  label: 'Unix process',
  description: 'A MirageOS unikernel built for unix (mirage configure -t unix), run as a native process from dist/.',
  availability: unixAvailability,
  validateImage: (imagePath) => checkUnixImage(imagePath),
  plan: planUnix,
};
