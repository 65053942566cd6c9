// Launch part of the contract: the arguments of a run or debug launch (VS Code launch.json shape) and what a target plans.

export type Accelerator = 'auto' | 'kvm' | 'tcg';

export interface NetworkArguments {
  mode: 'user' | 'tap' | 'bridge' | 'none';
  /** Host tap device for `tap` mode, e.g. `tap100`. */
  tap?: string;
  /** Host bridge for `bridge` mode: Xen's vif joins it (default `xenbr0`); QEMU attaches through qemu-bridge-helper. */
  bridge?: string;
  /** QEMU user-mode port forwards, e.g. `tcp::8080-:80`. */
  hostfwd?: string[];
  /** Solo5 network device name (from the image's manifest; default `service`). */
  name?: string;
  /** MAC address for the guest's interface. */
  mac?: string;
}

export interface BlockArguments {
  /** Solo5 block device name (from the manifest); ignored by QEMU. */
  name?: string;
  path: string;
}

/** The object of a `"type": "mirador"` run configuration, and of the debug adapter's `launch` request. */
export interface LaunchArguments {
  /** Configuration name, shown in pickers. */
  name?: string;
  type?: 'mirador';
  request?: 'launch';
  /** Target id: unix, hvt, spt, virtio, xen, qemu. */
  target: string;
  /** The image to boot (workspace-relative or absolute). */
  kernel?: string;
  initrd?: string;
  /** Kernel command line (QEMU `-append`). */
  append?: string;
  /** Arguments of the unikernel itself (after `--` for Solo5, `-append` for virtio). */
  args?: string[];
  /** Guest memory in MiB. */
  memory?: number;
  accel?: Accelerator;
  network?: NetworkArguments;
  block?: BlockArguments[];
  /** Record the guest's frames. */
  capture?: boolean;
  /** true or "reset": the reset vector; "entry": the ELF entry; any other string: that symbol. */
  stopOnEntry?: boolean | string;
  noDebug?: boolean;
  /** Folder the VMM runs in (default: the workspace). */
  cwd?: string;
  /**
   * VS Code's field, and its meaning: a task run before the launch, which does not start when the task fails. Mirador
   * runs one task, BUILD_TASK (the workspace's build, as Build does, for this configuration's target); the IDE and
   * `mirador run` run it, the adapter ignores the field.
   */
  preLaunchTask?: typeof BUILD_TASK;
}

/** The `preLaunchTask` that builds the workspace before the launch. */
export const BUILD_TASK = 'mirador: build';

export type ConsoleSource = { kind: 'stdio' } | { kind: 'unix-socket'; path: string };

/**
 * Where a run's frames come from, live, so the adapter can show them as they are sent:
 * - `qemu-mirror`: QEMU's filter-mirror writes every frame of the NIC (both directions) to a socket chardev that connects
 *   to `socket`, a Unix socket the adapter listens on before QEMU starts; with vnet_hdr_support=on each frame is a 4-byte
 *   big-endian length, the 4-byte length of the virtio-net header the packet starts with (0 for user networking), then
 *   the packet; the adapter cuts the header off and stamps frames as they arrive.
 * - `tcpdump`: `tcpdump -U --immediate-mode -w - -i <interface>` on a host device (a tap), read as a pcap stream; without
 *   the privileges to capture, the run goes on and the user is told the fix.
 */
export type CaptureSource = { kind: 'qemu-mirror'; socket: string } | { kind: 'tcpdump'; interface: string } | { kind: 'none' };

export type StopMethod =
  | { kind: 'qmp-quit'; socket: string }
  | { kind: 'signal'; signal: 'SIGTERM' | 'SIGINT' | 'SIGKILL' }
  | { kind: 'command'; command: string; args: string[] };

/** A file the launch writes before starting (e.g. Xen's `.xl` config). */
export interface GeneratedFile {
  path: string;
  content: string;
}

/** What a target provider answers for a launch: everything needed to start, watch and stop the VMM. */
export interface LaunchPlan {
  target: string;
  /** Executable and arguments, never a shell string. */
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd: string;
  console: ConsoleSource;
  /** gdb remote endpoint when the VMM exposes one. */
  gdb?: {
    host: string;
    port: number;
    architecture?: string;
    /**
     * Set when the stub debugs a host process that maps the image itself (gdbserver running solo5-spt): that
     * program's path. gdb reads its symbols first, then adds the image's at their link addresses.
     */
    loader?: string;
  };
  capture: CaptureSource;
  stop: StopMethod;
  /**
   * How the guest's exit status is read: QEMU's isa-debug-exit maps (value << 1) | 1 back to value; Solo5 on virtio
   * writes 41 for every exit, so its runs end "exited" with no status of their own (reported as 0); gdbserver exits 0
   * and says `Child exited with status N` on stderr for the program it ran.
   */
  exitStatus: 'process' | 'isa-debug-exit' | 'solo5-virtio' | 'gdbserver';
  /** The accelerator chosen, and why (shown in the status bar), e.g. `TCG: /dev/kvm is not readable-writable`. */
  accelerator?: { kind: 'kvm' | 'tcg' | 'none'; reason: string };
  files?: GeneratedFile[];
  /** Things the user should know about this launch (limits, fallbacks). */
  notes: string[];
}

export interface TargetInfo {
  id: string;
  label: string;
  description: string;
  available: boolean;
  /** Why it is not available here. */
  reason?: string;
  /** The exact fix, e.g. `opam install solo5` or `sudo usermod -aG kvm $USER`. */
  fix?: string;
  /** The extension that contributes it. */
  extension: string;
}
