// The `hvt` and `spt` targets: a Solo5 tender started with the devices the image's manifest declares, then `--` and the image.
import path from 'node:path';
import type { CaptureSource, LaunchArguments, LaunchPlan } from '../../main/api/launch-protocol';
import type { TargetHost, TargetProvider } from '../../main/api/target-provider-api';
import { requireSolo5Tool, solo5Availability, type Solo5Tender } from './solo5-availability';
import { solo5DeviceArgs } from './solo5-device-args';
import { checkSolo5Image } from './solo5-image-check';
import { parseSolo5Manifest, type Solo5Device } from './solo5-manifest';

const LABELS: Record<Solo5Tender, { label: string; description: string }> = {
  hvt: { label: 'Solo5 hvt (KVM)', description: 'A Solo5 unikernel (mirage configure -t hvt) run by solo5-hvt, a minimal KVM monitor; debuggable with solo5-hvt-debug.' },
  spt: { label: 'Solo5 spt (seccomp)', description: 'A Solo5 unikernel (mirage configure -t spt) run by solo5-spt as a seccomp-sandboxed Linux process.' },
};

async function readManifest(image: string, host: TargetHost): Promise<Solo5Device[]> {
  const elftool = requireSolo5Tool(host, 'solo5-elftool', "to read the image's device manifest");
  const result = await host.execute(elftool, ['query-manifest', image]);
  if (result.code !== 0) {
    const said = result.stderr.trim().split('\n').pop() ?? '';
    throw new Error(`solo5-elftool could not read the manifest of ${image}${said ? ` (${said})` : ''}: is it a Solo5 unikernel? Build it with mirage configure -t hvt or -t spt.`);
  }
  return parseSolo5Manifest(result.stdout, image);
}

function memoryArgs(launch: LaunchArguments): string[] {
  if (launch.memory === undefined) return [];
  if (!Number.isInteger(launch.memory) || launch.memory <= 0) throw new Error(`"memory" must be a whole number of MiB, not ${String(launch.memory)}.`);
  return [`--mem=${launch.memory}`];
}

/** Tenders have no capture of their own: the frames are those of the host tap device, recorded by tcpdump. */
function tapCapture(launch: LaunchArguments, notes: string[]): CaptureSource {
  if (!launch.capture) return { kind: 'none' };
  if (launch.network?.mode === 'tap' && launch.network.tap) return { kind: 'tcpdump', interface: launch.network.tap };
  notes.push('"capture" records the host tap device the unikernel uses: attach one with "network": { "mode": "tap", "tap": "tap100" }.');
  return { kind: 'none' };
}

async function planTender(tender: Solo5Tender, launch: LaunchArguments, host: TargetHost): Promise<LaunchPlan> {
  if (!launch.kernel) throw new Error(`"kernel" is not set: point it at the unikernel image, e.g. "dist/hello.${tender}".`);
  const image = path.resolve(host.workspaceFolder, launch.kernel);
  const devices = await readManifest(image, host);
  const deviceArgs = solo5DeviceArgs(devices, launch, host.workspaceFolder);
  const notes: string[] = [];
  let command = requireSolo5Tool(host, tender === 'hvt' ? 'solo5-hvt' : 'solo5-spt', `for the ${tender} target`);
  let debugArgs: string[] = [];
  let gdb: LaunchPlan['gdb'];
  if (launch.noDebug !== true) {
    if (tender === 'hvt') {
      command = requireSolo5Tool(host, 'solo5-hvt-debug', 'to debug an hvt unikernel (or launch with "noDebug": true)');
      const port = await host.freePort();
      debugArgs = ['--gdb', `--gdb-port=${port}`];
      gdb = { host: '127.0.0.1', port, architecture: 'i386:x86-64' };
      notes.push("solo5-hvt-debug's gdb stub waits for gdb before the unikernel starts; it offers 4 hardware breakpoints and no thread support (Linux/KVM x86_64 only).");
    } else {
      notes.push('spt has no gdb stub: running without a debugger (use the hvt target to debug).');
    }
  }
  const plan: LaunchPlan = {
    target: tender,
    command,
    args: [...debugArgs, ...memoryArgs(launch), ...deviceArgs, '--', image, ...(launch.args ?? [])],
    cwd: launch.cwd ? path.resolve(host.workspaceFolder, launch.cwd) : host.workspaceFolder,
    console: { kind: 'stdio' },
    capture: tapCapture(launch, notes),
    stop: { kind: 'signal', signal: 'SIGTERM' },
    exitStatus: 'process',
    accelerator: tender === 'hvt' ? { kind: 'kvm', reason: 'KVM: solo5-hvt always runs on KVM' } : { kind: 'none', reason: 'spt runs the unikernel as a sandboxed process' },
    notes,
  };
  if (gdb) plan.gdb = gdb;
  return plan;
}

export function solo5Target(tender: Solo5Tender): TargetProvider {
  return {
    id: tender,
    ...LABELS[tender],
    availability: (host) => solo5Availability(tender, host),
    validateImage: (imagePath) => checkSolo5Image(imagePath, tender),
    plan: (launch, host) => planTender(tender, launch, host),
  };
}
