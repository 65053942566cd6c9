// The keys MirageOS 4.5+ devices bring with them (from mirage's own sources), so a config.ml reading can list them.
import type { UnikernelKey } from '../../main/api/project-protocol';

const network = (name: string, doc: string, valueType: string, defaultValue?: string): UnikernelKey => ({
  name,
  stage: 'runtime',
  kind: 'value',
  doc,
  valueType,
  ...(defaultValue === undefined ? {} : { defaultValue }),
  origin: 'TCP/IP stack',
});

/** Mirage_runtime_network's arguments, which a direct TCP/IP stack reads at boot (`--ipv4=10.0.0.2/24`...). */
const STACK_RUNTIME_KEYS: UnikernelKey[] = [
  network('ipv4', 'The network of the unikernel specified as an IP address and netmask, e.g. 192.168.0.1/16.', 'ipv4 prefix', '10.0.0.2/24'),
  network('ipv4-gateway', 'The gateway of the unikernel.', 'ipv4 address'),
  network('ipv6', 'The network of the unikernel specified as IPv6 address and prefix length.', 'ipv6 prefix'),
  network('ipv6-gateway', 'The gateway of the unikernel.', 'ipv6 address'),
  network('accept-router-advertisements', 'Accept router advertisements for the unikernel.', 'bool', 'true'),
  network('ipv4-only', 'Only use IPv4 for the unikernel.', 'bool', 'false'),
  network('ipv6-only', 'Only use IPv6 for the unikernel.', 'bool', 'false'),
];

const configure = (name: string, doc: string, valueType: string, defaultValue: string, origin: string): UnikernelKey => ({
  name,
  stage: 'configure',
  kind: 'value',
  doc,
  valueType,
  defaultValue,
  origin,
});

/** Device combinators whose presence in config.ml adds keys; matched as whole words. */
export const DEVICE_KEYS: ReadonlyArray<{ combinators: RegExp; keys: UnikernelKey[] }> = [
  {
    combinators: /\b(generic_stackv4v6|generic_stackv4|generic_stackv6|direct_stackv4v6|static_ipv4_stack|direct_stackv4|create_stack)\b/,
    keys: [
      ...STACK_RUNTIME_KEYS,
      configure('dhcp', 'Enable DHCP for the unikernel (configure time).', 'bool', 'false', 'TCP/IP stack'),
      configure('net', 'Use a socket (host) or direct (own TCP/IP) stack: socket|direct.', 'socket|direct', 'direct except on unix', 'TCP/IP stack'),
    ],
  },
  {
    combinators: /\b(generic_kv_ro|crunch|direct_kv_ro)\b/,
    keys: [configure('kv_ro', 'Use a crunch (built into the image) or direct (read from disk) key-value store.', 'crunch|direct', 'crunch', 'key-value store')],
  },
  {
    combinators: /\b(generic_block|block_of_file|ramdisk)\b/,
    keys: [configure('block', 'Use a ramdisk, xenstore or file block device.', 'ramdisk|xenstore|file', 'ramdisk', 'block device')],
  },
];

/** Every MirageOS unikernel has these: the target (configure) and the log levels (runtime, `-l "*:debug"`). */
export const ALWAYS_KEYS: UnikernelKey[] = [
  configure('target', 'Target platform: unix, macosx, xen, qubes, virtio, hvt, spt, muen, genode, unikraft-qemu, unikraft-firecracker.', 'target', 'unix', 'MirageOS'),
  {
    name: 'logs',
    stage: 'runtime',
    kind: 'value',
    doc: 'Log levels, e.g. *:info,netif:debug (every source at info, netif at debug); -l for short.',
    valueType: 'log levels',
    origin: 'MirageOS',
  },
];
