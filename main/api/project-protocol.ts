// Project part of the contract: templates and new projects, the tutorial notebook, and what a MirageOS project declares.

export interface TemplateInfo {
  /** What `mirador new NAME DIR` takes, e.g. `mirage-hello`. */
  name: string;
  description: string;
}

export interface TemplateList {
  templates: TemplateInfo[];
  /** Where new projects go unless the user picks another folder (the user's home folder). */
  defaultParent: string;
}

/** Letters, digits, dot, dash and underscore: names that are safe in a shell, in dune and in opam file names. */
export const PROJECT_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
export const PROJECT_NAME_MAX_LENGTH = 64;

export interface CreateProjectParams {
  template: string;
  /** Absolute folder that receives the project folder. */
  parent: string;
  /** The new project folder's name: one path segment, no separators. */
  name: string;
}

export interface CreatedProjectInfo {
  /** Absolute path of the new project folder. */
  folder: string;
  /** Files written, relative to `folder` with '/'. */
  files: string[];
  /** `README.md` when the template ships one (it always should), to open first. */
  readme: string | null;
}

/** Where the tutorial notebook is copied before it opens: it must be writable and outlive the app's installation. */
export type TutorialDestination = 'workspace' | 'tutorials-folder';

export interface PreparedTutorial {
  /** Absolute folder that holds the notebook: the workspace, or Mirador's own tutorials folder. */
  folder: string;
  /** The notebook, relative to `folder`. */
  notebook: string;
  /** False when a copy was already there: the user's earlier edits are kept, never overwritten. */
  copied: boolean;
}

/** A device of a MirageOS unikernel (an argument of `main`, or a device the configuration names). */
export interface UnikernelDevice {
  /** The OCaml binding or the device's role, e.g. `stack`, `htdocs`. */
  name: string;
  /** What implements it, e.g. `generic_stackv4v6 default_network` or `Tcpip_stack_direct.IPV4V6`. */
  detail: string;
  /** Its module type in `main`'s signature, e.g. `stackv4v6`, `kv_ro`, when known. */
  type?: string;
}

export interface UnikernelPackage {
  name: string;
  /** The opam constraint as written, e.g. `>= "4.5.0" & < "4.9.0"`; absent when none. */
  constraint?: string;
}

/** A key the unikernel understands: runtime keys are arguments of the image (`--ipv4=...`), configure keys of `mirage configure`. */
export interface UnikernelKey {
  /** Without dashes, e.g. `ipv4`. */
  name: string;
  stage: 'runtime' | 'configure';
  /** Flags take no value (`--ipv4-only`). */
  kind: 'value' | 'flag';
  doc?: string;
  /** The default as MirageOS prints it, when known. */
  defaultValue?: string;
  /** What a value looks like, e.g. `bool`, `ipv4 prefix`, `ipv4 address`, `string`; booleans are written `--key=true`. */
  valueType?: string;
  /** Where the key comes from: a device (`generic_stackv4v6`), `config.ml`, `unikernel.ml`, `MirageOS`, or `mirage describe`. */
  origin: string;
}

export interface UnikernelDescription {
  /** `mirage` when `mirage query`/`mirage describe` answered; `config.ml` for Mirador's own best-effort reading. */
  source: 'mirage' | 'config.ml';
  /** One plain sentence saying where this came from and how far to trust it. */
  notice: string;
  /** The registered name (`register "hello" [...]`): MirageOS names the image after it. */
  name?: string;
  /** The module `main` names, e.g. `Unikernel.Hello`. */
  main?: string;
  devices: UnikernelDevice[];
  packages: UnikernelPackage[];
  keys: UnikernelKey[];
  /** What could not be read, one line each. */
  problems: string[];
}

/** A tap or tun device found in /sys/class/net. */
export interface HostTapDevice {
  name: string;
  kind: 'tap' | 'tun';
  /** Numeric uid of the user it was made for (`ip tuntap add ... user NAME`), when it has one. */
  ownerUid?: number;
  /** Whether the interface is administratively up (IFF_UP). */
  up: boolean;
  /** The bridge it is a port of, if any. */
  bridge?: string;
}

export interface HostNetworkState {
  taps: HostTapDevice[];
  /** Bridges (e.g. `br0`, `virbr0`): the Xen helper attaches vifs to one. */
  bridges: string[];
  /** Whether this process holds CAP_NET_ADMIN; null when /proc/self/status could not be read. */
  capNetAdmin: boolean | null;
  /** /proc/sys/net/ipv4/ip_forward; null when unreadable. */
  ipForwarding: boolean | null;
  /** Whether /dev/net/tun exists (the tun module is loaded). */
  tunDevice: boolean;
  /** The uid of the backend process, to tell the user's own taps from others'. */
  uid: number | null;
  /** The user name the backend runs as, for `ip tuntap add ... user NAME`. */
  userName: string | null;
  /** The interface of the default route (towards the internet), e.g. `eth0`, when there is one. */
  uplink: string | null;
  /** Which firewall front end is installed here (the helper generates commands for it first). */
  firewall: 'nftables' | 'iptables' | 'unknown';
}
