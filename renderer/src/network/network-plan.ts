// The network helper's commands: a tap (hvt, spt, virtio) or a bridge (xen), its address, forwarding and NAT, and undo.

export type NetworkTarget = 'hvt' | 'spt' | 'virtio' | 'xen';
export type FirewallTool = 'nftables' | 'iptables';

export interface NetworkChoices {
  target: NetworkTarget;
  /** The tap (hvt, spt, virtio) or bridge (xen) the guest attaches to. */
  device: string;
  /** The host's end, e.g. 10.0.0.1; the guest's gateway. */
  hostAddress: string;
  prefixLength: number;
  /** The unikernel's own address (its --ipv4). */
  guestAddress: string;
  /** Who owns the tap, so the VMM needs no privileges later. */
  user: string;
  /** Let the guest reach beyond the host (forwarding + masquerade out of `uplink`). */
  nat: boolean;
  /** The host interface towards the internet, e.g. eth0. */
  uplink: string;
  firewall: FirewallTool;
}

export interface NetworkStep {
  title: string;
  /** One plain sentence: why this step. */
  why: string;
  commands: string[];
}

const INTERFACE_NAME = /^[A-Za-z0-9_.-]{1,15}$/;
const USER_NAME = /^[a-z_][a-z0-9_-]*\$?$/;

export function isIpv4Address(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

function addressNumber(address: string): number {
  return address.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

/** The network address of `address/prefix`, e.g. 10.0.0.0 for 10.0.0.1/24. */
export function networkOf(address: string, prefixLength: number): string {
  const mask = prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
  const network = (addressNumber(address) & mask) >>> 0;
  return [24, 16, 8, 0].map((shift) => (network >>> shift) & 255).join('.');
}

/** What is wrong with the choices, by field; empty when the commands can be generated. */
export function choiceProblems(choices: NetworkChoices): Partial<Record<keyof NetworkChoices, string>> {
  const problems: Partial<Record<keyof NetworkChoices, string>> = {};
  if (!INTERFACE_NAME.test(choices.device)) problems.device = 'An interface name: up to 15 letters, digits, "_", "-" or ".".';
  if (!isIpv4Address(choices.hostAddress)) problems.hostAddress = 'An IPv4 address, e.g. 10.0.0.1.';
  if (!Number.isInteger(choices.prefixLength) || choices.prefixLength < 8 || choices.prefixLength > 30) problems.prefixLength = 'A prefix length from 8 to 30, e.g. 24.';
  if (!isIpv4Address(choices.guestAddress)) problems.guestAddress = 'An IPv4 address, e.g. 10.0.0.2.';
  else if (choices.guestAddress === choices.hostAddress) problems.guestAddress = 'The guest needs an address of its own, not the host\'s.';
  else if (!problems.hostAddress && !problems.prefixLength && networkOf(choices.guestAddress, choices.prefixLength) !== networkOf(choices.hostAddress, choices.prefixLength)) {
    problems.guestAddress = `Not in the host's network ${networkOf(choices.hostAddress, choices.prefixLength)}/${choices.prefixLength}: the guest could not reach its gateway.`;
  }
  // `$USER` is left for the shell to fill in when the backend could not tell who the user is.
  if (choices.user !== '$USER' && !USER_NAME.test(choices.user)) problems.user = 'A user name, e.g. the one you log in with.';
  if (choices.nat && !INTERFACE_NAME.test(choices.uplink)) problems.uplink = 'The interface towards the internet, e.g. eth0 or wlan0.';
  return problems;
}

/** The unikernel's boot arguments for these choices (MirageOS's direct stack keys). */
export function guestArguments(choices: NetworkChoices): string[] {
  return [`--ipv4=${choices.guestAddress}/${choices.prefixLength}`, `--ipv4-gateway=${choices.hostAddress}`];
}

function natCommands(choices: NetworkChoices): string[] {
  const subnet = `${networkOf(choices.hostAddress, choices.prefixLength)}/${choices.prefixLength}`;
  const forward = 'sudo sysctl -w net.ipv4.ip_forward=1';
  if (choices.firewall === 'iptables') {
    return [
      forward,
      `sudo iptables -t nat -A POSTROUTING -s ${subnet} -o ${choices.uplink} -j MASQUERADE`,
      `sudo iptables -A FORWARD -i ${choices.device} -o ${choices.uplink} -j ACCEPT`,
      `sudo iptables -A FORWARD -i ${choices.uplink} -o ${choices.device} -m state --state RELATED,ESTABLISHED -j ACCEPT`,
    ];
  }
  return [
    forward,
    'sudo nft add table ip mirador',
    "sudo nft 'add chain ip mirador postrouting { type nat hook postrouting priority 100 ; }'",
    `sudo nft 'add rule ip mirador postrouting ip saddr ${subnet} oifname "${choices.uplink}" masquerade'`,
  ];
}

function natUndo(choices: NetworkChoices): string[] {
  const subnet = `${networkOf(choices.hostAddress, choices.prefixLength)}/${choices.prefixLength}`;
  if (choices.firewall === 'iptables') {
    return [
      `sudo iptables -t nat -D POSTROUTING -s ${subnet} -o ${choices.uplink} -j MASQUERADE`,
      `sudo iptables -D FORWARD -i ${choices.device} -o ${choices.uplink} -j ACCEPT`,
      `sudo iptables -D FORWARD -i ${choices.uplink} -o ${choices.device} -m state --state RELATED,ESTABLISHED -j ACCEPT`,
    ];
  }
  return ['sudo nft delete table ip mirador'];
}

/** How the VMM is started with this device, so the user sees where the names go. */
function launchLine(choices: NetworkChoices): string {
  const args = guestArguments(choices).join(' ');
  switch (choices.target) {
    case 'hvt':
      return `solo5-hvt --mem=512 --net:service=${choices.device} -- dist/app.hvt ${args}`;
    case 'spt':
      return `solo5-spt --mem=512 --net:service=${choices.device} -- dist/app.spt ${args}`;
    case 'virtio':
      return `qemu-system-x86_64 -nodefaults -display none -serial stdio -netdev tap,id=n0,ifname=${choices.device},script=no,downscript=no -device virtio-net-pci,netdev=n0 -kernel dist/app.virtio -append "${args}"`;
    case 'xen':
      return `vif = [ 'bridge=${choices.device}' ]   # in dist/app.xl, then: xl create dist/app.xl -c`;
  }
}

export function networkSetupPlan(choices: NetworkChoices): NetworkStep[] {
  const address = `${choices.hostAddress}/${choices.prefixLength}`;
  const steps: NetworkStep[] =
    choices.target === 'xen'
      ? [
          {
            title: `Create the bridge ${choices.device}`,
            why: 'Xen gives each guest a virtual interface (vif) in dom0 and plugs it into this bridge.',
            commands: [`sudo ip link add ${choices.device} type bridge`, `sudo ip addr add ${address} dev ${choices.device}`, `sudo ip link set dev ${choices.device} up`],
          },
        ]
      : [
          {
            title: `Create the tap ${choices.device} for ${choices.user}`,
            why: 'Made once by root and owned by you, the tap can then be opened by the VMM without any privilege.',
            commands: [`sudo ip tuntap add ${choices.device} mode tap user ${choices.user}`, `sudo ip addr add ${address} dev ${choices.device}`, `sudo ip link set dev ${choices.device} up`],
          },
        ];
  if (choices.nat) {
    steps.push({
      title: `Let the guest reach beyond the host through ${choices.uplink}`,
      why: `Forwarding passes its packets on; NAT (masquerade) makes them leave with ${choices.uplink}'s address, so answers find their way back.`,
      commands: natCommands(choices),
    });
  }
  steps.push({
    title: 'Boot the unikernel on it',
    why: `The guest takes ${choices.guestAddress} and sends everything else to the host's end, ${choices.hostAddress}. In a run configuration: ${choices.target === 'xen' ? `"network": { "mode": "bridge", "bridge": "${choices.device}" }` : `"network": { "mode": "tap", "tap": "${choices.device}" }`} and these "args".`,
    commands: [guestArguments(choices).join(' '), launchLine(choices)],
  });
  steps.push({
    title: 'Undo it later',
    why: 'Nothing here survives a reboot; these remove it sooner.',
    commands: [...(choices.nat ? natUndo(choices) : []), `sudo ip link delete ${choices.device}`],
  });
  return steps;
}
