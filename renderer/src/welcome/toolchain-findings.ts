// The doctor's findings as the welcome page shows them: what is missing, what it is for, and the exact fix to copy or run.
import type { CapabilityStatus, DoctorReport, ToolStatus } from '../../../main/api';
import { el, icon } from '../workbench/element';
import { isRunnableFix } from './runnable-fix';

export interface FixActions {
  copy(fix: string): void;
  /** Types the fix into a new terminal without pressing Enter. */
  runInTerminal(fix: string): void;
}

/** What each tool is for, in a few words, so a newcomer can tell which gaps matter for what they want to do. */
const PURPOSE: Record<string, string> = {
  ocaml: 'compiles OCaml; runs the notebook kernel',
  opam: 'installs MirageOS, Solo5 and OCaml libraries',
  mirage: 'configures and builds MirageOS unikernels',
  dune: 'builds OCaml projects',
  'solo5-hvt': 'boots hvt images on KVM',
  'solo5-hvt-debug': 'debugs hvt images with gdb',
  'solo5-spt': 'boots spt images in a seccomp sandbox',
  'solo5-elftool': 'reads the device manifest of Solo5 images',
  'qemu-system-x86_64': 'boots qemu and virtio images',
  'qemu-system-aarch64': 'boots ARM64 images',
  gdb: 'steps through a booting unikernel',
  xl: 'starts Xen guests',
  tcpdump: 'captures traffic on host interfaces',
  tshark: 'reads captures; Mirador compares its dissectors with it',
};

const CAPABILITY_LABEL: Record<string, string> = { kvm: 'KVM', tap: 'Tap networking', 'xen-dom0': 'Xen dom0' };

export function toolNeedsAttention(tool: ToolStatus): boolean {
  return !tool.found || tool.problem !== undefined;
}

/** One line a person reads first: how many tools are ready and which host capabilities are there. */
export function toolchainSummary(report: DoctorReport): string {
  const ready = report.tools.filter((tool) => !toolNeedsAttention(tool)).length;
  const capabilities = report.capabilities.map((capability) => `${CAPABILITY_LABEL[capability.name] ?? capability.name} ${capability.available ? 'available' : 'not available'}`);
  return `${ready} of ${report.tools.length} tools ready · ${capabilities.join(' · ')}`;
}

export function renderToolchainFindings(report: DoctorReport, actions: FixActions): HTMLElement {
  const missing = report.tools.filter(toolNeedsAttention);
  const ready = report.tools.filter((tool) => !toolNeedsAttention(tool));
  return el(
    'div',
    { className: 'welcome-toolchain' },
    el('p', { className: 'welcome-summary' }, toolchainSummary(report)),
    missing.length > 0
      ? el('ul', { className: 'welcome-findings', 'aria-label': 'Tools to install' }, ...groupByFix(missing).map((group) => toolRow(group, actions)))
      : el('p', {}, 'Every tool Mirador knows is installed.'),
    el('ul', { className: 'welcome-findings', 'aria-label': 'Host capabilities' }, ...report.capabilities.map((capability) => capabilityRow(capability, actions))),
    ready.length > 0
      ? el('p', { className: 'welcome-ready' }, icon('pass'), ` Ready: ${ready.map((tool) => (tool.version ? `${tool.name} ${tool.version}` : tool.name)).join(', ')}`)
      : null,
  );
}

/** Missing tools that one command installs (the four Solo5 programs come with `opam install solo5`) share one row. */
export function groupByFix(tools: ToolStatus[]): ToolStatus[][] {
  const groups: ToolStatus[][] = [];
  for (const tool of tools) {
    const same = !tool.found && tool.fix ? groups.find((group) => !group[0]!.found && group[0]!.fix === tool.fix) : undefined;
    if (same) same.push(tool);
    else groups.push([tool]);
  }
  return groups;
}

function toolRow(group: ToolStatus[], actions: FixActions): HTMLElement {
  const [tool] = group as [ToolStatus, ...ToolStatus[]];
  const names = group.map((member) => member.name).join(', ');
  const state = tool.found ? `found with a problem: ${tool.problem ?? ''}` : 'missing';
  return el(
    'li',
    { className: 'welcome-finding', 'aria-label': `${names}: ${state}` },
    el('div', { className: 'welcome-finding-head' },
      icon(tool.found ? 'warning' : 'circle-slash'),
      el('strong', {}, names),
      el('span', { className: 'welcome-muted' }, group.map((member) => PURPOSE[member.name] ?? '').filter(Boolean).join('; '))),
    tool.found && tool.problem ? el('div', { className: 'welcome-problem' }, tool.problem) : null,
    tool.fix ? fixLine(names, tool.fix, actions) : null,
  );
}

function capabilityRow(capability: CapabilityStatus, actions: FixActions): HTMLElement {
  const label = CAPABILITY_LABEL[capability.name] ?? capability.name;
  return el(
    'li',
    { className: 'welcome-finding', 'aria-label': `${label}: ${capability.available ? 'available' : 'not available'}` },
    el('div', { className: 'welcome-finding-head' },
      icon(capability.available ? 'pass' : 'circle-slash'),
      el('strong', {}, label),
      el('span', { className: 'welcome-muted' }, capability.detail)),
    !capability.available && capability.fix ? fixLine(label, capability.fix, actions) : null,
  );
}

function fixLine(subject: string, fix: string, actions: FixActions): HTMLElement {
  return el(
    'div',
    { className: 'welcome-fix' },
    el('code', {}, fix),
    el('button', { className: 'icon-button', 'aria-label': `Copy the fix for ${subject}`, title: 'Copy the command', onclick: () => actions.copy(fix) }, icon('copy')),
    isRunnableFix(fix)
      ? el('button', { className: 'icon-button', 'aria-label': `Type the fix for ${subject} into a terminal`, title: 'Type it into a new terminal (you press Enter)', onclick: () => actions.runInTerminal(fix) }, icon('terminal'))
      : null,
  );
}
