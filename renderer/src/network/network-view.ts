// The Network side-bar view: tap, bridge and NAT in plain words, this host's taps and rights, and the exact commands.
import type { HostNetworkState } from '../../../main/api';
import type { BackendClient } from '../transport/backend-client';
import { el, icon } from '../workbench/element';
import type { View } from '../workbench/view';
import { choiceProblems, networkSetupPlan, type FirewallTool, type NetworkChoices, type NetworkTarget } from './network-plan';

export interface NetworkViewHost {
  copy(text: string): void;
  typeIntoTerminal(command: string): void;
}

const TARGETS: { id: NetworkTarget; label: string }[] = [
  { id: 'hvt', label: 'hvt (Solo5 on KVM)' },
  { id: 'spt', label: 'spt (Solo5 sandboxed process)' },
  { id: 'virtio', label: 'virtio (QEMU with a tap)' },
  { id: 'xen', label: 'xen (bridge in dom0)' },
];

/** The Xen target's default bridge, as the xen extension names it when a configuration names none. */
const XEN_BRIDGE = 'xenbr0';

export class NetworkView implements View {
  readonly id = 'network';
  readonly title = 'Network';
  readonly icon = 'plug';
  readonly element: HTMLElement;
  readonly actions = [{ label: 'Check the Host Again', icon: 'refresh', run: () => void this.refresh() }];
  private readonly hostState: HTMLElement;
  private readonly form: HTMLFormElement;
  private readonly steps: HTMLElement;
  private readonly fields = new Map<keyof NetworkChoices, HTMLInputElement | HTMLSelectElement>();
  private state: HostNetworkState | undefined;
  private loaded = false;

  constructor(
    private readonly backend: BackendClient,
    private readonly host: NetworkViewHost,
  ) {
    this.hostState = el('div', { className: 'network-host', 'aria-live': 'polite' });
    this.steps = el('ol', { className: 'network-steps', 'aria-label': 'Commands' });
    this.form = this.buildForm();
    this.element = el(
      'div',
      { className: 'network-view' },
      el('dl', { className: 'network-terms' },
        el('dt', {}, 'Tap'), el('dd', {}, 'A virtual network cable: one end is an interface on the host (tap100), the other is the guest\'s network card. hvt, spt and QEMU use one per guest.'),
        el('dt', {}, 'Bridge'), el('dd', {}, 'A virtual switch on the host that several interfaces plug into. Xen plugs each guest\'s vif into one.'),
        el('dt', {}, 'NAT'), el('dd', {}, 'Forwarding plus masquerade: the host passes the guest\'s packets on with its own address, so the guest can reach beyond the host.')),
      el('h3', { className: 'section-title' }, 'This host'),
      this.hostState,
      el('h3', { className: 'section-title' }, 'Your setup'),
      this.form,
      this.steps,
    );
  }

  onShow(): void {
    if (!this.loaded) void this.refresh();
  }

  /** Opens on a given target and device, e.g. the tap a failed run asked for. */
  prefill(values: Partial<Pick<NetworkChoices, 'target' | 'device'>>): void {
    if (values.target) this.fields.get('target')!.value = values.target;
    if (values.device) this.fields.get('device')!.value = values.device;
    this.render();
  }

  async refresh(): Promise<void> {
    this.loaded = true;
    this.hostState.replaceChildren(el('p', { className: 'empty-message' }, icon('loading codicon-modifier-spin'), ' Looking at the host…'));
    try {
      this.state = await this.backend.request('network/inspect');
    } catch (error) {
      this.hostState.replaceChildren(el('p', { className: 'run-problem', role: 'alert' }, `Could not inspect the host: ${(error as Error).message}`));
      return;
    }
    const user = this.fields.get('user')!;
    if (user.value === '' && this.state.userName) user.value = this.state.userName;
    const uplink = this.fields.get('uplink')!;
    if (uplink.value === '' && this.state.uplink) uplink.value = this.state.uplink;
    if (this.state.firewall !== 'unknown') this.fields.get('firewall')!.value = this.state.firewall;
    this.renderHost(this.state);
    this.render();
  }

  private renderHost(state: HostNetworkState): void {
    const taps = state.taps.filter((tap) => tap.kind === 'tap');
    const owner = (uid: number | undefined) => (uid === undefined ? 'no owner: root only' : uid === state.uid ? 'yours' : `owned by uid ${uid}`);
    const line = (ok: boolean | null, label: string, text: string) =>
      el('li', { className: 'network-fact', 'aria-label': `${label}: ${text}` }, icon(ok === null ? 'question' : ok ? 'pass' : 'circle-slash'), el('span', {}, el('strong', {}, `${label}: `), text));
    this.hostState.replaceChildren(
      el('ul', { className: 'network-facts' },
        line(taps.length > 0, 'Tap devices', taps.length === 0 ? 'none yet' : taps.map((tap) => `${tap.name} (${owner(tap.ownerUid)}, ${tap.up ? 'up' : 'down'}${tap.bridge ? `, in ${tap.bridge}` : ''})`).join(', ')),
        line(state.capNetAdmin, 'CAP_NET_ADMIN', state.capNetAdmin === null ? 'unknown' : state.capNetAdmin ? 'yes: VMMs started here may create taps' : 'no: VMMs started here cannot create taps; make one for your user (first step below)'),
        line(state.tunDevice, '/dev/net/tun', state.tunDevice ? 'present' : 'missing: sudo modprobe tun'),
        line(state.ipForwarding, 'IP forwarding', state.ipForwarding === null ? 'unknown' : state.ipForwarding ? 'on' : 'off (only needed for NAT)'),
        line(state.bridges.length > 0 ? true : null, 'Bridges', state.bridges.length === 0 ? 'none' : state.bridges.join(', ')),
        line(state.firewall === 'unknown' ? null : true, 'Firewall tool', state.firewall === 'unknown' ? 'neither nft nor iptables found' : state.firewall)),
    );
  }

  private buildForm(): HTMLFormElement {
    const field = (name: keyof NetworkChoices, label: string, input: HTMLInputElement | HTMLSelectElement) => {
      input.id = `network-${name}`;
      input.setAttribute('aria-describedby', `network-${name}-problem`);
      this.fields.set(name, input);
      input.addEventListener(input instanceof HTMLSelectElement || input.type === 'checkbox' ? 'change' : 'input', () => this.render(name === 'target'));
      return el('div', { className: 'network-field' },
        el('label', { for: input.id }, label),
        input,
        el('div', { className: 'welcome-error network-problem', id: `network-${name}-problem`, role: 'status' }));
    };
    const text = (value: string) => el('input', { type: 'text', className: 'welcome-input', spellcheck: 'false', value });
    const nat = el('input', { type: 'checkbox' });
    return el('form', { className: 'network-form', 'aria-label': 'Network setup' },
      field('target', 'Target', el('select', { className: 'run-picker' }, ...TARGETS.map((target) => el('option', { value: target.id }, target.label)))),
      field('device', 'Tap device', text('tap100')),
      field('hostAddress', "Host's address (the guest's gateway)", text('10.0.0.1')),
      field('prefixLength', 'Prefix length', text('24')),
      field('guestAddress', "Guest's address (--ipv4)", text('10.0.0.2')),
      field('user', 'Your user (owns the tap)', text('')),
      field('nat', 'Let the guest reach the internet (NAT)', nat),
      field('uplink', 'Through the interface', text('')),
      field('firewall', 'With', el('select', { className: 'run-picker' }, el('option', { value: 'nftables' }, 'nftables (nft)'), el('option', { value: 'iptables' }, 'iptables'))));
  }

  private choices(): NetworkChoices {
    const value = (name: keyof NetworkChoices) => this.fields.get(name)!.value.trim();
    return {
      target: value('target') as NetworkTarget,
      device: value('device'),
      hostAddress: value('hostAddress'),
      prefixLength: Number(value('prefixLength')),
      guestAddress: value('guestAddress'),
      user: value('user') || '$USER',
      nat: (this.fields.get('nat') as HTMLInputElement).checked,
      uplink: value('uplink'),
      firewall: value('firewall') as FirewallTool,
    };
  }

  private render(targetChanged = false): void {
    const device = this.fields.get('device')!;
    const target = this.fields.get('target')!.value;
    if (targetChanged) {
      // A bridge for Xen, a tap for the others: swap the default name, keep a name the user typed.
      if (target === 'xen' && device.value === 'tap100') device.value = XEN_BRIDGE;
      if (target !== 'xen' && device.value === XEN_BRIDGE) device.value = 'tap100';
    }
    this.form.querySelector(`label[for="network-device"]`)!.textContent = target === 'xen' ? 'Bridge' : 'Tap device';
    const nat = (this.fields.get('nat') as HTMLInputElement).checked;
    for (const name of ['uplink', 'firewall'] as const) this.fields.get(name)!.closest('.network-field')!.toggleAttribute('hidden', !nat);
    const choices = this.choices();
    const problems = choiceProblems(choices);
    for (const [name, input] of this.fields) {
      const problem = problems[name];
      input.setAttribute('aria-invalid', String(problem !== undefined));
      this.form.querySelector(`#network-${name}-problem`)!.textContent = problem ?? '';
    }
    if (Object.keys(problems).length > 0) {
      this.steps.replaceChildren(el('li', { className: 'empty-message' }, 'Fix the fields above to see the commands.'));
      return;
    }
    const existing = this.state?.taps.find((tap) => tap.name === choices.device);
    this.steps.replaceChildren(
      ...networkSetupPlan(choices).map((step, index) =>
        el('li', { className: 'network-step' },
          el('strong', {}, step.title),
          index === 0 && existing ? el('p', { className: 'network-note' }, icon('pass'), ` ${choices.device} already exists here (${existing.up ? 'up' : 'down'}): skip what is done.`) : null,
          el('p', { className: 'welcome-muted' }, step.why),
          ...step.commands.map((command) =>
            el('div', { className: 'welcome-fix' },
              el('code', {}, command),
              el('button', { type: 'button', className: 'icon-button', 'aria-label': `Copy: ${command}`, title: 'Copy', onclick: () => this.host.copy(command) }, icon('copy')),
              command.startsWith('sudo ')
                ? el('button', { type: 'button', className: 'icon-button', 'aria-label': `Type into a terminal: ${command}`, title: 'Type it into a new terminal (you press Enter)', onclick: () => this.host.typeIntoTerminal(command) }, icon('terminal'))
                : null)))),
    );
  }
}
