// Test helper: a TargetHost with a doctor report built from a few facts, a fixed run folder and port, and canned tool output.
import type { TargetHost } from '../../main/api/target-provider-api';
import type { CapabilityName, CapabilityStatus, DoctorReport, ToolName, ToolStatus } from '../../main/api/toolchain-protocol';

export interface TestHostOptions {
  /** Tools present, each at /opt/bin/NAME unless a status is given; every other tool is reported missing. */
  tools?: (ToolName | ToolStatus)[];
  /** Capabilities available; a `CapabilityStatus` gives the detail of an unavailable one too. */
  capabilities?: (CapabilityName | CapabilityStatus)[];
  workspaceFolder?: string;
  runDir?: string;
  port?: number;
  /** Output of `execute`, by the command's argv joined with spaces. */
  outputs?: Record<string, { stdout: string; stderr?: string; code?: number }>;
}

const ALL_TOOLS: ToolName[] = [
  'ocaml', 'opam', 'mirage', 'dune', 'solo5-hvt', 'solo5-hvt-debug', 'solo5-spt', 'solo5-elftool',
  'qemu-system-x86_64', 'qemu-system-aarch64', 'gdb', 'gdbserver', 'xl', 'tcpdump', 'tshark',
];

const CAPABILITY_DETAILS: Record<CapabilityName, { yes: string; no: string; fix: string }> = {
  kvm: { yes: '/dev/kvm opens read-write', no: '/dev/kvm exists but you may not open it read-write (EACCES); after joining the kvm group, log out and in again', fix: 'sudo usermod -aG kvm $USER' },
  tap: { yes: 'CAP_NET_ADMIN is effective', no: 'this process lacks CAP_NET_ADMIN', fix: 'sudo setcap cap_net_admin+ep $(which qemu-system-x86_64)' },
  'xen-dom0': { yes: '/proc/xen/capabilities says control_d', no: '/proc/xen does not exist: this machine is not running under Xen', fix: 'boot into Xen' },
};

export function testDoctor(options: Pick<TestHostOptions, 'tools' | 'capabilities'>): DoctorReport {
  const present = new Map<ToolName, ToolStatus>();
  for (const tool of options.tools ?? []) {
    const status = typeof tool === 'string' ? { name: tool, found: true, path: `/opt/bin/${tool}`, version: '1.0.0' } : tool;
    present.set(status.name, status);
  }
  const tools = ALL_TOOLS.map((name) => present.get(name) ?? { name, found: false, problem: `no ${name} on PATH`, fix: `install ${name}` });
  const given = new Map<CapabilityName, CapabilityStatus>();
  for (const capability of options.capabilities ?? []) {
    const status = typeof capability === 'string' ? { name: capability, available: true, detail: CAPABILITY_DETAILS[capability].yes } : capability;
    given.set(status.name, status);
  }
  const capabilities = (Object.keys(CAPABILITY_DETAILS) as CapabilityName[]).map(
    (name) => given.get(name) ?? { name, available: false, detail: CAPABILITY_DETAILS[name].no, fix: CAPABILITY_DETAILS[name].fix },
  );
  return { tools, capabilities };
}

export interface TestHost extends TargetHost {
  /** Every `execute` call, as argv arrays. */
  executed: string[][];
}

export function testHost(options: TestHostOptions = {}): TestHost {
  const executed: string[][] = [];
  return {
    doctor: testDoctor(options),
    workspaceFolder: options.workspaceFolder ?? '/work/app',
    runDir: options.runDir ?? '/tmp/mirador-run-test',
    freePort: async () => options.port ?? 40123,
    executed,
    execute: async (command, args) => {
      executed.push([command, ...args]);
      const key = [command, ...args].join(' ');
      const output = options.outputs?.[key];
      if (!output) throw new Error(`test host: no canned output for ${key}`);
      return { stdout: output.stdout, stderr: output.stderr ?? '', code: output.code ?? 0 };
    },
  };
}
