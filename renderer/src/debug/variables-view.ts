// The Variables section: the selected frame's scopes (Locals, Registers...), opened lazily with `variables` requests.
import { el, icon } from '../workbench/element';
import type { DebugSessionController } from './debug-session-controller';
import { VariableTree, type VariableNode } from './variable-tree';

export class VariablesView {
  readonly tree: VariableTree;

  constructor(
    private readonly session: DebugSessionController,
    onOpenMemory: (memoryReference: string) => void,
    /** Set Value…: asks the new value (an expression) and hands it back, or undefined when the user gave up. */
    askValue?: (node: VariableNode) => Promise<string | undefined>,
  ) {
    this.tree = new VariableTree({
      label: 'Variables',
      emptyText: 'Not paused. Start debugging (F5) and stop at a breakpoint to see variables and registers.',
      loadChildren: (reference) => session.variables(reference).then((variables) => variables.map((variable) => ({ ...toNode(variable), parentReference: reference }))),
      rowActions: (node) =>
        askValue && node.variablesReference === 0 && node.parentReference !== undefined && node.kind !== 'scope' && node.kind !== 'error'
          ? [
              el(
                'button',
                {
                  className: 'icon-button row-action',
                  'aria-label': `Set value of ${node.name}`,
                  title: 'Set Value…',
                  tabIndex: -1,
                  onclick: (event: Event) => {
                    event.stopPropagation();
                    void this.setValue(node, askValue);
                  },
                },
                icon('edit'),
              ),
            ]
          : [],
      // The first cheap scope opens by itself (Locals); Registers and other expensive ones wait for a click.
      expandByDefault: (node, index, depth) => depth === 1 && index === 0,
      onOpenMemory,
    });
    session.onDidChange((change) => {
      if (change === 'stopped' || change === 'frame') void this.refresh();
      else if (change === 'phase') this.onPhase();
    });
  }

  get element(): HTMLElement {
    return this.tree.element;
  }

  private async setValue(node: VariableNode, askValue: (node: VariableNode) => Promise<string | undefined>): Promise<void> {
    const value = await askValue(node);
    if (value === undefined || node.parentReference === undefined) return;
    try {
      await this.session.setVariable(node.parentReference, node.name, value);
    } catch (error) {
      this.onError?.(`Could not set ${node.name}: ${(error as Error).message}`);
    }
  }

  /** Where a failed Set Value is told (the workbench's notifications). */
  onError: ((message: string) => void) | undefined;

  private onPhase(): void {
    const phase = this.session.phase;
    // While a step runs the old values stay, dimmed, so a quick step does not flash an empty view.
    this.element.classList.toggle('stale', phase === 'running');
    if (phase === 'inactive') this.tree.showMessage('Not paused. Start debugging (F5) and stop at a breakpoint to see variables and registers.');
  }

  private async refresh(): Promise<void> {
    const frame = this.session.selectedFrame;
    this.element.classList.remove('stale');
    if (!frame) return this.tree.showMessage('No stack frame: the debugger could not read where the guest stopped.');
    try {
      const scopes = await this.session.scopes(frame.id);
      if (this.session.selectedFrame !== frame) return;
      await this.tree.setRoots(scopes.map((scope) => ({ name: scope.name, variablesReference: scope.variablesReference, kind: 'scope' as const })));
    } catch (error) {
      if (this.session.selectedFrame === frame) this.tree.showMessage(`Could not read the scopes: ${(error as Error).message}`);
    }
  }
}

export function toNode(variable: { name: string; value: string; type?: string; variablesReference: number; memoryReference?: string }): VariableNode {
  return { name: variable.name, value: variable.value, type: variable.type, variablesReference: variable.variablesReference, memoryReference: variable.memoryReference };
}
