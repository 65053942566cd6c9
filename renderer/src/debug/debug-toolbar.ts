// The floating debug toolbar over the editor: continue or pause, step over, into, out, restart, stop.
import { el, icon } from '../workbench/element';
import type { DebugPhase } from './debug-session-controller';

interface ToolbarButton {
  label: string;
  keys: string;
  glyph: string;
  command: string;
  /** The phases in which the button can be pressed. */
  enabledIn: DebugPhase[];
}

const BUTTONS: ToolbarButton[] = [
  { label: 'Continue', keys: 'F5', glyph: 'debug-continue', command: 'workbench.action.debug.continue', enabledIn: ['stopped'] },
  { label: 'Pause', keys: 'F6', glyph: 'debug-pause', command: 'workbench.action.debug.pause', enabledIn: ['running'] },
  { label: 'Step Over', keys: 'F10', glyph: 'debug-step-over', command: 'workbench.action.debug.stepOver', enabledIn: ['stopped'] },
  { label: 'Step Into', keys: 'F11', glyph: 'debug-step-into', command: 'workbench.action.debug.stepInto', enabledIn: ['stopped'] },
  { label: 'Step Out', keys: 'Shift+F11', glyph: 'debug-step-out', command: 'workbench.action.debug.stepOut', enabledIn: ['stopped'] },
  { label: 'Restart', keys: 'Ctrl+Shift+F5', glyph: 'debug-restart', command: 'workbench.action.debug.restart', enabledIn: ['initializing', 'running', 'stopped'] },
  { label: 'Stop', keys: 'Shift+F5', glyph: 'debug-stop', command: 'workbench.action.debug.stop', enabledIn: ['initializing', 'running', 'stopped'] },
];

export class DebugToolbar {
  readonly element: HTMLElement;
  private readonly buttons = new Map<ToolbarButton, HTMLButtonElement>();

  constructor(run: (command: string) => void) {
    this.element = el('div', { className: 'debug-toolbar', role: 'toolbar', 'aria-label': 'Debug toolbar', hidden: true });
    for (const button of BUTTONS) {
      const element = el(
        'button',
        {
          className: `icon-button debug-toolbar-button debug-action-${button.glyph}`,
          'aria-label': button.label,
          'aria-keyshortcuts': button.keys,
          title: `${button.label} (${button.keys})`,
          // Keeps the focus where it was (editor or Disassembly view), which decides line or instruction stepping.
          onmousedown: (event: Event) => event.preventDefault(),
          onclick: () => run(button.command),
        },
        icon(button.glyph),
      );
      this.buttons.set(button, element);
      this.element.append(element);
    }
  }

  setPhase(phase: DebugPhase): void {
    this.element.hidden = phase === 'inactive';
    for (const [button, element] of this.buttons) {
      element.disabled = !button.enabledIn.includes(phase);
      // Continue and Pause share a place, as in VS Code: one shows while the guest runs, the other while it is stopped.
      if (button.label === 'Continue') element.hidden = phase === 'running' || phase === 'initializing';
      if (button.label === 'Pause') element.hidden = !(phase === 'running' || phase === 'initializing');
    }
  }
}
