// What the doctor knows about each tool: how to ask its version, how to read the answer, and how to install it.
import type { ToolName } from '../../api/toolchain-protocol';
import { XEN_HOST_FIX } from './xen-check';

/** A diagnosis of a version command that failed in a way we recognise. */
export interface ToolFailure {
  problem: string;
  fix?: string;
}

export interface ToolSpec {
  name: ToolName;
  versionArgs: string[];
  /** Matched against stdout and stderr together; group 1 is the version. */
  versionPattern: RegExp;
  /** The exact command that installs the tool (Debian/Ubuntu packages, or opam for the OCaml side). */
  fix: string;
  /** Turns the output of a failed version command into a problem the user can act on; undefined when not recognised. */
  explainFailure?(output: string): ToolFailure | undefined;
}

const NUMBER = String.raw`(\d+\.\d+(?:\.\d+)?)`;
const SOLO5_FIX = 'opam install solo5';

/** Solo5 tenders learnt `--version` late; an older one rejects it and prints its usage. */
function explainSolo5Tender(name: ToolName) {
  return (output: string): ToolFailure | undefined =>
    /Invalid option/.test(output)
      ? { problem: `${name} does not understand --version: this Solo5 is too old for MirageOS 4; update it`, fix: SOLO5_FIX }
      : undefined;
}

function solo5Tender(name: ToolName): ToolSpec {
  // Solo5's tenders print `solo5-hvt tender, version v0.9.3` and `ABI version 2` on stderr.
  return { name, versionArgs: ['--version'], versionPattern: new RegExp(String.raw`tender, version v?${NUMBER}`), fix: SOLO5_FIX, explainFailure: explainSolo5Tender(name) };
}

/** In the order the doctor reports them: the OCaml side, Solo5, the VMMs, then debugging and capture. */
export const TOOL_CATALOG: readonly ToolSpec[] = [
  { name: 'ocaml', versionArgs: ['-vnum'], versionPattern: new RegExp(`^${NUMBER}`, 'm'), fix: 'sudo apt-get install ocaml' },
  { name: 'opam', versionArgs: ['--version'], versionPattern: new RegExp(`^${NUMBER}`, 'm'), fix: 'sudo apt-get install opam && opam init' },
  // cmdliner prints whatever version string the build substituted: `v4.8.1` (a git tag) or `4.8.1`.
  { name: 'mirage', versionArgs: ['--version'], versionPattern: new RegExp(`^v?${NUMBER}`, 'm'), fix: 'opam install mirage' },
  { name: 'dune', versionArgs: ['--version'], versionPattern: new RegExp(`^${NUMBER}`, 'm'), fix: 'opam install dune' },
  solo5Tender('solo5-hvt'),
  solo5Tender('solo5-hvt-debug'),
  solo5Tender('solo5-spt'),
  // solo5-elftool has no --version: any unknown command prints its usage, which says `solo5-elftool version v0.9.3` (exit 1).
  { name: 'solo5-elftool', versionArgs: ['--version'], versionPattern: new RegExp(String.raw`\bversion v?${NUMBER}`), fix: SOLO5_FIX },
  { name: 'qemu-system-x86_64', versionArgs: ['--version'], versionPattern: new RegExp(`QEMU emulator version ${NUMBER}`), fix: 'sudo apt-get install qemu-system-x86' },
  { name: 'qemu-system-aarch64', versionArgs: ['--version'], versionPattern: new RegExp(`QEMU emulator version ${NUMBER}`), fix: 'sudo apt-get install qemu-system-arm' },
  // `GNU gdb (Debian 13.1-3) 13.1`: the release is the last number on the first line, after the distribution's tag.
  { name: 'gdb', versionArgs: ['--version'], versionPattern: new RegExp(`^GNU gdb .*\\b${NUMBER}`, 'm'), fix: 'sudo apt-get install gdb' },
  // Debugs spt unikernels: it runs solo5-spt as its inferior (`GNU gdbserver (Debian 13.1-3) 13.1`).
  { name: 'gdbserver', versionArgs: ['--version'], versionPattern: new RegExp(`^GNU gdbserver .*\\b${NUMBER}`, 'm'), fix: 'sudo apt-get install gdbserver' },
  {
    name: 'xl',
    // xl has no version flag; `xl info` reports `xen_version : 4.17.3` but only where Xen runs.
    versionArgs: ['info'],
    versionPattern: new RegExp(String.raw`^xen_version\s*:\s*${NUMBER}`, 'm'),
    fix: 'sudo apt-get install xen-utils',
    explainFailure: (output) =>
      // Debian's xl is a wrapper that looks for the running hypervisor in /sys/hypervisor before it runs the real xl.
      /hypervisor/i.test(output)
        ? { problem: `xl is installed but this machine is not running Xen (${firstLine(output)})`, fix: XEN_HOST_FIX }
        : undefined,
  },
  { name: 'tcpdump', versionArgs: ['--version'], versionPattern: new RegExp(`tcpdump version ${NUMBER}`), fix: 'sudo apt-get install tcpdump' },
  { name: 'tshark', versionArgs: ['--version'], versionPattern: new RegExp(String.raw`TShark \(Wireshark\) ${NUMBER}`), fix: 'sudo apt-get install tshark' },
];

export function firstLine(output: string): string {
  return (
    output
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line !== '') ?? ''
  );
}
