// The Disassembly panel: instructions around the selected frame's instruction pointer, following each stop.
import type { DebugProtocol } from '@vscode/debugprotocol';
import { el, icon } from '../workbench/element';
import type { View } from '../workbench/view';
import type { BreakpointStore } from './breakpoint-store';
import type { DebugSessionController } from './debug-session-controller';

/** Instructions shown before the current one (x86 decodes backwards only approximately; the adapter does its best). */
const BEFORE = 16;
const COUNT = 64;

export class DisassemblyView implements View {
  readonly id = 'disassembly';
  readonly title = 'Disassembly';
  readonly icon = 'debug-line-by-line';
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly status: HTMLElement;
  private instructions: DebugProtocol.DisassembledInstruction[] = [];
  private current: string | undefined;
  private requests = 0;
  private stale = true;

  constructor(
    private readonly session: DebugSessionController,
    private readonly breakpoints: BreakpointStore,
  ) {
    this.status = el('p', { className: 'empty-message disassembly-status', role: 'status' });
    this.list = el('div', { className: 'disassembly-list', role: 'grid', 'aria-label': 'Disassembly', tabIndex: 0 });
    this.element = el('div', { className: 'disassembly-view' }, this.status, this.list);
    // Stepping from here steps instructions: the view tells the session while it has the focus.
    this.element.addEventListener('focusin', () => (session.granularity = 'instruction'));
    session.onDidChange((change) => {
      if (change === 'stopped' || change === 'frame') {
        this.stale = true;
        // Hidden (another panel tab, or the panel closed): fetched when shown instead.
        if (this.element.offsetParent !== null) void this.refresh();
      } else if (change === 'phase') {
        this.list.classList.toggle('stale', session.phase === 'running');
        if (session.phase === 'inactive') this.clear('Not debugging. When the guest stops, its instructions appear here.');
      }
    });
    breakpoints.onDidChange(() => this.render());
    this.clear('Not debugging. When the guest stops, its instructions appear here.');
  }

  onShow(): void {
    if (this.stale) void this.refresh();
  }

  focus(): void {
    this.list.focus();
  }

  async refresh(): Promise<void> {
    this.stale = false;
    const frame = this.session.selectedFrame;
    const reference = frame?.instructionPointerReference;
    if (this.session.phase !== 'stopped' || !frame) return;
    if (!this.session.capabilities.supportsDisassembleRequest) return this.clear('This debug adapter cannot disassemble.');
    if (!reference) return this.clear(`The frame ${frame.name} has no instruction pointer.`);
    const request = ++this.requests;
    let instructions: DebugProtocol.DisassembledInstruction[];
    try {
      instructions = await this.session.disassemble({ memoryReference: reference, instructionOffset: -BEFORE, instructionCount: COUNT, resolveSymbols: true });
    } catch {
      // Some memory before the instruction pointer may be unreadable: start at the instruction itself.
      try {
        instructions = await this.session.disassemble({ memoryReference: reference, instructionOffset: 0, instructionCount: COUNT, resolveSymbols: true });
      } catch (error) {
        if (request === this.requests) this.clear(`Could not disassemble at ${reference}: ${(error as Error).message}`);
        return;
      }
    }
    if (request !== this.requests) return;
    this.instructions = instructions;
    this.current = reference;
    this.status.hidden = true;
    this.render();
    this.list.querySelector<HTMLElement>('.current')?.scrollIntoView({ block: 'center' });
  }

  private clear(message: string): void {
    this.instructions = [];
    this.current = undefined;
    this.status.hidden = false;
    this.status.textContent = message;
    this.list.replaceChildren();
  }

  private render(): void {
    if (this.instructions.length === 0) return;
    const canBreak = this.session.capabilities.supportsInstructionBreakpoints === true;
    const rows: HTMLElement[] = [];
    let lastLocation = '';
    for (const instruction of this.instructions) {
      const location = instruction.location?.name && instruction.line ? `${instruction.location.name}:${instruction.line}` : '';
      if (location && location !== lastLocation) {
        rows.push(el('div', { className: 'disassembly-source', role: 'row' }, el('span', { role: 'gridcell' }, location)));
        lastLocation = location;
      }
      const isCurrent = this.current !== undefined && sameAddress(instruction.address, this.current);
      const breakpoint = this.breakpoints.instructions().find((candidate) => sameAddress(candidate.address, instruction.address));
      const invalid = instruction.presentationHint === 'invalid';
      const gutter = el(
        'button',
        {
          className: 'disassembly-gutter',
          'aria-label': breakpoint ? `Remove instruction breakpoint at ${instruction.address}` : `Add instruction breakpoint at ${instruction.address}`,
          tabIndex: -1,
          disabled: !canBreak || invalid,
          title: canBreak ? 'Toggle instruction breakpoint' : 'This debug adapter has no instruction breakpoints',
          onclick: () => this.breakpoints.toggleInstruction(instruction.address),
        },
        breakpoint ? el('span', { className: `codicon codicon-debug-breakpoint${breakpoint.enabled ? '' : '-disabled'} debug-breakpoint-glyph`, 'aria-hidden': 'true' }) : null,
        isCurrent ? icon('debug-stackframe') : null,
      );
      rows.push(
        el(
          'div',
          {
            className: `disassembly-row${isCurrent ? ' current' : ''}${invalid ? ' invalid' : ''}`,
            role: 'row',
            'aria-current': isCurrent ? 'true' : undefined,
            'aria-label': `${instruction.address} ${instruction.instruction}${isCurrent ? ', current instruction' : ''}`,
          },
          el('span', { role: 'gridcell' }, gutter),
          el('span', { className: 'disassembly-address', role: 'gridcell' }, instruction.address),
          el('span', { className: 'disassembly-bytes', role: 'gridcell' }, instruction.instructionBytes ?? ''),
          el('span', { className: 'disassembly-instruction', role: 'gridcell' }, instruction.instruction),
          el('span', { className: 'disassembly-symbol', role: 'gridcell' }, instruction.symbol ? `<${instruction.symbol}>` : ''),
        ),
      );
    }
    this.list.replaceChildren(...rows);
  }
}

function sameAddress(a: string, b: string): boolean {
  try {
    return BigInt(a) === BigInt(b);
  } catch {
    return a === b;
  }
}
