// Test support: a real Linux guest for QEMU — Debian's cloud kernel plus an initramfs (busybox-static, virtio-net modules,
// an /init that makes DHCP, ARP, ICMP, DNS, HTTP and TLS traffic towards the host, then ends the run or loops).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { recordClientHello } from './client-hello.mjs';
import { encodeCpioNewc } from './cpio-newc.mjs';

/** insmod order: each module after the ones it needs (FACTS.md). */
export const VIRTIO_NET_MODULES = ['virtio_ring', 'virtio', 'virtio_pci_legacy_dev', 'virtio_pci_modern_dev', 'virtio_pci', 'failover', 'net_failover', 'virtio_net'];
const BUSYBOX = '/bin/busybox';
const HERE = import.meta.dirname;

function findCloudKernel() {
  const name = existsSync('/boot') ? readdirSync('/boot').filter((file) => /^vmlinuz-.*-cloud-amd64$/.test(file)).sort().at(-1) : undefined;
  if (!name) return undefined;
  const version = name.slice('vmlinuz-'.length);
  return existsSync(path.join('/lib/modules', version)) ? { kernel: path.join('/boot', name), version } : undefined;
}

/** Why the guest cannot be built here (for a skip message), or undefined when it can. */
export function linuxGuestUnavailable() {
  if (!findCloudKernel()) return 'no Debian cloud kernel in /boot with its modules (apt-get install linux-image-cloud-amd64)';
  if (!existsSync(BUSYBOX)) return 'no static busybox (apt-get install busybox-static)';
  return undefined;
}

function findModule(root, name) {
  const pending = [root];
  while (pending.length > 0) {
    const folder = pending.pop();
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) pending.push(path.join(folder, entry.name));
      else if (entry.name === `${name}.ko`) return path.join(folder, entry.name);
    }
  }
  throw new Error(`kernel module ${name}.ko not found under ${root}`);
}

/** Builds `<dir>/guest-initrd.cpio` (uncompressed newc) and returns the kernel and initrd to boot. */
export async function buildLinuxGuest(dir) {
  const found = findCloudKernel();
  if (!found) throw new Error(linuxGuestUnavailable());
  const exitProgram = path.join(dir, 'debug-exit');
  execFileSync('gcc', ['-static', '-nostdlib', '-O2', '-fno-stack-protector', '-o', exitProgram, path.join(HERE, 'debug-exit.c')]);
  const moduleRoot = path.join('/lib/modules', found.version, 'kernel');
  const entries = [
    ...['bin', 'dev', 'etc', 'lib', 'lib/modules', 'proc', 'sys', 'tmp'].map((folder) => ({ kind: 'directory', path: folder })),
    // The kernel opens /dev/console for init before anything is mounted.
    { kind: 'char-device', path: 'dev/console', major: 5, minor: 1 },
    { kind: 'file', path: 'bin/busybox', data: readFileSync(BUSYBOX), mode: 0o755 },
    { kind: 'symlink', path: 'bin/sh', target: 'busybox' },
    { kind: 'file', path: 'bin/debug-exit', data: readFileSync(exitProgram), mode: 0o755 },
    { kind: 'file', path: 'init', data: readFileSync(path.join(HERE, 'guest-init.sh')), mode: 0o755 },
    { kind: 'file', path: 'etc/udhcpc.script', data: readFileSync(path.join(HERE, 'udhcpc.script')), mode: 0o755 },
    { kind: 'file', path: 'etc/client-hello.bin', data: await recordClientHello('mirador.test') },
    ...VIRTIO_NET_MODULES.map((name) => ({ kind: 'file', path: `lib/modules/${name}.ko`, data: readFileSync(findModule(moduleRoot, name)) })),
  ];
  const initrd = path.join(dir, 'guest-initrd.cpio');
  writeFileSync(initrd, encodeCpioNewc(entries));
  return {
    kernel: found.kernel,
    initrd,
    append: ({ httpPort, tlsPort, udpPort, mode = 'exit' } = {}) =>
      ['console=ttyS0', 'quiet', 'panic=-1', `mirador.mode=${mode}`, ...(httpPort ? [`mirador.http=${httpPort}`] : []), ...(tlsPort ? [`mirador.tls=${tlsPort}`] : []), ...(udpPort ? [`mirador.udp=${udpPort}`] : [])].join(' '),
  };
}
