// Toolchain doctor part of the contract: which tools and host capabilities exist here, and the exact fix for each gap.

export type ToolName =
  | 'ocaml'
  | 'opam'
  | 'mirage'
  | 'dune'
  | 'solo5-hvt'
  | 'solo5-hvt-debug'
  | 'solo5-spt'
  | 'solo5-elftool'
  | 'qemu-system-x86_64'
  | 'qemu-system-aarch64'
  | 'gdb'
  | 'gdbserver'
  | 'xl'
  | 'tcpdump'
  | 'tshark';

export interface ToolStatus {
  name: ToolName;
  found: boolean;
  /** Absolute path of the executable when found. */
  path?: string;
  /** The version the tool reports, e.g. `7.2.5` for QEMU. */
  version?: string;
  /** What is wrong: not installed, not runnable, too old... */
  problem?: string;
  /** The exact command or step that fixes it, e.g. `sudo apt-get install qemu-system-x86` or `opam install mirage`. */
  fix?: string;
}

export type CapabilityName = 'kvm' | 'tap' | 'xen-dom0';

export interface CapabilityStatus {
  name: CapabilityName;
  available: boolean;
  /** What was checked and what it found, e.g. `/dev/kvm opens read-write`. */
  detail: string;
  fix?: string;
}

export interface DoctorReport {
  tools: ToolStatus[];
  capabilities: CapabilityStatus[];
}
