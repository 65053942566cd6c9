// Checks one run configuration against LaunchArguments, so a typo is reported with its field instead of failing at launch.
import { BUILD_TASK, type Accelerator, type BlockArguments, type LaunchArguments, type NetworkArguments } from '../../api/launch-protocol';

const ACCELERATORS: readonly Accelerator[] = ['auto', 'kvm', 'tcg'];
const NETWORK_MODES: readonly NetworkArguments['mode'][] = ['user', 'tap', 'bridge', 'none'];
/** QEMU's `hostfwd=[tcp|udp]:[hostaddr]:hostport-[guestaddr]:guestport`. */
const HOSTFWD = /^(?:tcp|udp)?:(?:\d{1,3}(?:\.\d{1,3}){3})?:(\d{1,5})-(?:\d{1,3}(?:\.\d{1,3}){3})?:(\d{1,5})$/;
/** Linux interface names: at most 15 bytes, no slash, no whitespace. */
const INTERFACE_NAME = /^[^\s/:]{1,15}$/;
const MAC_ADDRESS = /^[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}$/;
/** Fields of VS Code launch configurations that mean nothing to Mirador but are not mistakes either. */
const VSCODE_COMMON_FIELDS = new Set(['postDebugTask', 'presentation', 'internalConsoleOptions', 'debugServer', 'serverReadyAction']);
const KNOWN_FIELDS = new Set([
  'name', 'type', 'request', 'target', 'kernel', 'initrd', 'append', 'args', 'memory',
  'accel', 'network', 'block', 'capture', 'stopOnEntry', 'noDebug', 'cwd', 'preLaunchTask',
]);

export interface LaunchArgumentsCheck {
  /** Undefined when the entry has an error and must be skipped. */
  configuration?: LaunchArguments;
  /** Errors (the entry is skipped) and notes (it loads); each names the field, e.g. `configurations[1].memory ...`. */
  problems: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const describe = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `${typeof value} ${JSON.stringify(value)}`);

/** `field` is where the entry sits, e.g. `configurations[1]`. */
export function checkLaunchArguments(raw: unknown, field: string): LaunchArgumentsCheck {
  const errors: string[] = [];
  const notes: string[] = [];
  const fail = (key: string, message: string) => errors.push(`${field}.${key} ${message}`);
  if (!isRecord(raw)) return { problems: [`${field} must be an object, not ${describe(raw)}`] };

  const optionalString = (key: string): string | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    fail(key, `must be a string, not ${describe(value)}`);
    return undefined;
  };
  const optionalBoolean = (key: string): boolean | undefined => {
    const value = raw[key];
    if (value === undefined || typeof value === 'boolean') return value;
    fail(key, `must be true or false, not ${describe(value)}`);
    return undefined;
  };

  const configuration: LaunchArguments = { target: '' };
  const name = optionalString('name');
  if (name !== undefined) configuration.name = name;
  if (raw.type !== undefined && raw.type !== 'mirador') fail('type', `must be "mirador", not ${describe(raw.type)}`);
  configuration.type = 'mirador';
  if (raw.request !== undefined && raw.request !== 'launch') fail('request', `must be "launch" (Mirador has no "attach"), not ${describe(raw.request)}`);
  configuration.request = 'launch';

  if (typeof raw.target !== 'string' || raw.target.trim() === '') {
    fail('target', raw.target === undefined ? 'is missing: name a target such as "qemu", "hvt" or "unix"' : `must be a target id such as "qemu", not ${describe(raw.target)}`);
  } else configuration.target = raw.target;

  for (const key of ['kernel', 'initrd', 'append', 'cwd'] as const) {
    const value = optionalString(key);
    if (value !== undefined) configuration[key] = value;
  }
  if (raw.args !== undefined) {
    if (Array.isArray(raw.args) && raw.args.every((item) => typeof item === 'string')) configuration.args = raw.args as string[];
    else fail('args', 'must be an array of strings');
  }
  if (raw.memory !== undefined) {
    if (typeof raw.memory === 'number' && Number.isSafeInteger(raw.memory) && raw.memory > 0) configuration.memory = raw.memory;
    else fail('memory', 'must be a positive whole number of MiB');
  }
  if (raw.accel !== undefined) {
    if (ACCELERATORS.includes(raw.accel as Accelerator)) configuration.accel = raw.accel as Accelerator;
    else fail('accel', `must be one of "auto", "kvm", "tcg", not ${describe(raw.accel)}`);
  }
  if (raw.network !== undefined) {
    const network = checkNetwork(raw.network, (key, message) => fail(key === '' ? 'network' : `network.${key}`, message));
    if (network) configuration.network = network;
  }
  if (raw.block !== undefined) {
    const block = checkBlock(raw.block, (key, message) => fail(`block${key}`, message));
    if (block) configuration.block = block;
  }
  for (const key of ['capture', 'noDebug'] as const) {
    const value = optionalBoolean(key);
    if (value !== undefined) configuration[key] = value;
  }
  if (raw.stopOnEntry !== undefined) {
    if (typeof raw.stopOnEntry === 'boolean' || (typeof raw.stopOnEntry === 'string' && raw.stopOnEntry !== '')) configuration.stopOnEntry = raw.stopOnEntry;
    else fail('stopOnEntry', 'must be true, false, "reset", "entry" or a symbol name');
  }
  const task = optionalString('preLaunchTask');
  if (task === BUILD_TASK) configuration.preLaunchTask = BUILD_TASK;
  // Another task is one of VS Code's tasks.json, which Mirador has not got: the entry loads, launching without it.
  else if (task !== undefined) notes.push(`${field}.preLaunchTask ${JSON.stringify(task)} is a VS Code task, which Mirador does not run (it launches without it); "${BUILD_TASK}" builds the workspace first`);
  for (const key of Object.keys(raw)) {
    if (!KNOWN_FIELDS.has(key) && !VSCODE_COMMON_FIELDS.has(key)) notes.push(`${field}.${key} is not a Mirador launch field and is ignored`);
  }
  if (errors.length > 0) return { problems: [...errors, ...notes] };
  return { configuration, problems: notes };
}

function checkNetwork(raw: unknown, fail: (key: string, message: string) => void): NetworkArguments | undefined {
  if (!isRecord(raw)) {
    fail('', 'must be an object like { "mode": "user" }');
    return undefined;
  }
  let failed = false;
  const report = (key: string, message: string) => {
    failed = true;
    fail(key, message);
  };
  const mode = raw.mode as NetworkArguments['mode'];
  if (!NETWORK_MODES.includes(mode)) report('mode', `must be one of "user", "tap", "bridge", "none", not ${describe(raw.mode)}`);
  const network: NetworkArguments = { mode };
  if (raw.tap !== undefined) {
    if (typeof raw.tap === 'string' && INTERFACE_NAME.test(raw.tap)) network.tap = raw.tap;
    else report('tap', 'must be a network interface name such as "tap100"');
  } else if (mode === 'tap') report('tap', 'is required when mode is "tap": name the host tap device, e.g. "tap100"');
  if (raw.bridge !== undefined) {
    if (typeof raw.bridge === 'string' && INTERFACE_NAME.test(raw.bridge)) network.bridge = raw.bridge;
    else report('bridge', 'must be a host bridge name such as "xenbr0" or "br0"');
  }
  if (raw.hostfwd !== undefined) {
    if (!Array.isArray(raw.hostfwd)) report('hostfwd', 'must be an array of forwards such as "tcp::8080-:80"');
    else {
      raw.hostfwd.forEach((item: unknown, index) => {
        const match = typeof item === 'string' ? HOSTFWD.exec(item) : null;
        const portsOk = match !== null && [match[1], match[2]].every((port) => Number(port) >= 1 && Number(port) <= 65535);
        if (!portsOk) report(`hostfwd[${index}]`, `must look like "tcp::8080-:80" ([tcp|udp]:[hostaddr]:hostport-[guestaddr]:guestport), not ${describe(item)}`);
      });
      if (mode !== 'user' && mode !== undefined) report('hostfwd', 'only works with mode "user" (QEMU user networking)');
      network.hostfwd = raw.hostfwd as string[];
    }
  }
  if (raw.name !== undefined) {
    if (typeof raw.name === 'string' && raw.name !== '') network.name = raw.name;
    else report('name', 'must be the Solo5 network device name, e.g. "service"');
  }
  if (raw.mac !== undefined) {
    if (typeof raw.mac === 'string' && MAC_ADDRESS.test(raw.mac)) network.mac = raw.mac;
    else report('mac', `must be a MAC address like "52:54:00:12:34:56", not ${describe(raw.mac)}`);
  }
  return failed ? undefined : network;
}

function checkBlock(raw: unknown, fail: (key: string, message: string) => void): BlockArguments[] | undefined {
  if (!Array.isArray(raw)) {
    fail('', 'must be an array of { "path": "disk.img" } entries');
    return undefined;
  }
  let failed = false;
  const block: BlockArguments[] = [];
  raw.forEach((entry: unknown, index) => {
    const where = `[${index}]`;
    if (!isRecord(entry)) {
      failed = true;
      fail(where, 'must be an object like { "name": "storage", "path": "disk.img" }');
      return;
    }
    if (typeof entry.path !== 'string' || entry.path === '') {
      failed = true;
      fail(`${where}.path`, 'must name the disk image file');
    }
    if (entry.name !== undefined && (typeof entry.name !== 'string' || entry.name === '')) {
      failed = true;
      fail(`${where}.name`, 'must be the Solo5 block device name, e.g. "storage"');
    }
    block.push(typeof entry.name === 'string' ? { name: entry.name, path: String(entry.path) } : { path: String(entry.path) });
  });
  return failed ? undefined : block;
}
