// Unit tests of the network helper: the exact commands for each target and choice, the checks, and tap failure messages.
import { describe, expect, it } from 'vitest';
import { choiceProblems, guestArguments, networkOf, networkSetupPlan, type NetworkChoices } from '../../../renderer/src/network/network-plan';
import { createTapCommand, diagnoseTapFailure } from '../../../renderer/src/network/tap-failure';

const CHOICES: NetworkChoices = {
  target: 'hvt', device: 'tap100', hostAddress: '10.0.0.1', prefixLength: 24, guestAddress: '10.0.0.2', user: 'alice', nat: false, uplink: 'eth0', firewall: 'nftables',
};
const commands = (choices: Partial<NetworkChoices>) => networkSetupPlan({ ...CHOICES, ...choices }).map((step) => step.commands);

describe('networkSetupPlan', () => {
  it('makes a tap for the user, addresses it, brings it up, and boots hvt on it (FACTS.md commands)', () => {
    expect(commands({})).toEqual([
      ['sudo ip tuntap add tap100 mode tap user alice', 'sudo ip addr add 10.0.0.1/24 dev tap100', 'sudo ip link set dev tap100 up'],
      ['--ipv4=10.0.0.2/24 --ipv4-gateway=10.0.0.1', 'solo5-hvt --mem=512 --net:service=tap100 -- dist/app.hvt --ipv4=10.0.0.2/24 --ipv4-gateway=10.0.0.1'],
      ['sudo ip link delete tap100'],
    ]);
  });

  it('adds forwarding and masquerade with nftables, and removes the table when undoing', () => {
    const [, nat, , undo] = commands({ nat: true, hostAddress: '192.168.77.1', guestAddress: '192.168.77.20', uplink: 'wlan0' });
    expect(nat).toEqual([
      'sudo sysctl -w net.ipv4.ip_forward=1',
      'sudo nft add table ip mirador',
      "sudo nft 'add chain ip mirador postrouting { type nat hook postrouting priority 100 ; }'",
      `sudo nft 'add rule ip mirador postrouting ip saddr 192.168.77.0/24 oifname "wlan0" masquerade'`,
    ]);
    expect(undo).toEqual(['sudo nft delete table ip mirador', 'sudo ip link delete tap100']);
  });

  it('adds the same with iptables, with matching deletions', () => {
    const [, nat, , undo] = commands({ nat: true, firewall: 'iptables' });
    expect(nat).toEqual([
      'sudo sysctl -w net.ipv4.ip_forward=1',
      'sudo iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -o eth0 -j MASQUERADE',
      'sudo iptables -A FORWARD -i tap100 -o eth0 -j ACCEPT',
      'sudo iptables -A FORWARD -i eth0 -o tap100 -m state --state RELATED,ESTABLISHED -j ACCEPT',
    ]);
    expect(undo.slice(0, 3).map((line) => line.replace(' -D ', ' -A '))).toEqual(nat.slice(1));
  });

  it('makes a bridge for xen and names it in the .xl vif', () => {
    const [bridge, boot] = commands({ target: 'xen', device: 'xenbr0' });
    expect(bridge).toEqual(['sudo ip link add xenbr0 type bridge', 'sudo ip addr add 10.0.0.1/24 dev xenbr0', 'sudo ip link set dev xenbr0 up']);
    expect(boot![1]).toBe("vif = [ 'bridge=xenbr0' ]   # in dist/app.xl, then: xl create dist/app.xl -c");
  });

  it('boots spt and virtio images on the tap', () => {
    expect(commands({ target: 'spt' })[1]![1]).toBe('solo5-spt --mem=512 --net:service=tap100 -- dist/app.spt --ipv4=10.0.0.2/24 --ipv4-gateway=10.0.0.1');
    expect(commands({ target: 'virtio' })[1]![1]).toContain('-netdev tap,id=n0,ifname=tap100,script=no,downscript=no -device virtio-net-pci,netdev=n0 -kernel dist/app.virtio -append "--ipv4=10.0.0.2/24 --ipv4-gateway=10.0.0.1"');
  });

  it('gives the guest its MirageOS arguments', () => {
    expect(guestArguments({ ...CHOICES, prefixLength: 16, guestAddress: '10.0.5.9' })).toEqual(['--ipv4=10.0.5.9/16', '--ipv4-gateway=10.0.0.1']);
    expect(networkOf('10.0.5.9', 16)).toBe('10.0.0.0');
    expect(networkOf('192.168.1.130', 25)).toBe('192.168.1.128');
  });
});

describe('choiceProblems', () => {
  it('accepts good choices', () => expect(choiceProblems(CHOICES)).toEqual({}));

  it('names what is wrong, field by field', () => {
    expect(choiceProblems({ ...CHOICES, device: 'tap100; rm -rf /', hostAddress: '10.0.0', prefixLength: 33, user: 'Bad User', nat: true, uplink: '' })).toEqual({
      device: expect.stringMatching(/interface name/),
      hostAddress: expect.stringMatching(/IPv4 address/),
      prefixLength: expect.stringMatching(/8 to 30/),
      user: expect.stringMatching(/user name/),
      uplink: expect.stringMatching(/towards the internet/),
    });
    expect(choiceProblems({ ...CHOICES, guestAddress: '10.0.1.2' }).guestAddress).toMatch(/Not in the host's network 10\.0\.0\.0\/24/);
    expect(choiceProblems({ ...CHOICES, guestAddress: '10.0.0.1' }).guestAddress).toMatch(/address of its own/);
  });

  it('takes $USER for a user the backend could not name', () => expect(choiceProblems({ ...CHOICES, user: '$USER' })).toEqual({}));
});

describe('diagnoseTapFailure', () => {
  it("recognises QEMU's message, recorded here with CAP_NET_ADMIN dropped", () => {
    const stderr = 'qemu-system-x86_64: -netdev tap,id=n0,ifname=tap977,script=no,downscript=no: could not configure /dev/net/tun (tap977): Operation not permitted';
    expect(diagnoseTapFailure(stderr)).toEqual({
      kind: 'permission', tap: 'tap977', explanation: expect.stringMatching(/needs CAP_NET_ADMIN/), fix: createTapCommand('tap977'),
    });
  });

  it("recognises Solo5's tap_attach errors and the bare TUNSETIFF one", () => {
    expect(diagnoseTapFailure('solo5-hvt: Could not attach interface: tap100: Operation not permitted')).toMatchObject({ kind: 'permission', tap: 'tap100' });
    expect(diagnoseTapFailure('solo5-spt: Could not attach interface: tap7: No such file or directory')).toMatchObject({ kind: 'missing', tap: 'tap7', fix: createTapCommand('tap7') });
    expect(diagnoseTapFailure('solo5-hvt: Could not attach interface: tap100: Network is down')).toMatchObject({ kind: 'down', fix: 'sudo ip link set dev tap100 up' });
    expect(diagnoseTapFailure('ukvm-bin: TUNSETIFF: Operation not permitted', 'tap3')).toMatchObject({ kind: 'permission', fix: createTapCommand('tap3') });
    expect(diagnoseTapFailure('qemu-system-x86_64: could not open /dev/net/tun: No such file or directory')).toMatchObject({ kind: 'no-tun', fix: 'sudo modprobe tun' });
  });

  it('ignores other failures', () => {
    expect(diagnoseTapFailure('qemu-system-x86_64: Error loading uncompressed kernel without PVH ELF Note')).toBeNull();
  });

  it('gives the exact command the task names for a missing permission', () => {
    expect(createTapCommand('tap100')).toBe('sudo ip tuntap add tap100 mode tap user $USER && sudo ip addr add 10.0.0.1/24 dev tap100 && sudo ip link set dev tap100 up');
  });
});
