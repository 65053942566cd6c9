// The Call Stack section: the stopped thread's frames; picking one shows its source, variables and instructions.
import type { DebugProtocol } from '@vscode/debugprotocol';
import { el, icon } from '../workbench/element';
import type { DebugSessionController } from './debug-session-controller';

export class CallStackView {
  readonly element: HTMLElement;

  constructor(private readonly session: DebugSessionController) {
    this.element = el('div', { className: 'call-stack-view' });
    session.onDidChange(() => this.render());
    this.render();
  }

  private render(): void {
    const { phase, stopState } = this.session;
    if (phase === 'inactive') return this.message('Not debugging.');
    if (phase === 'initializing') return this.message('Starting…');
    if (phase === 'running' || !stopState) return this.message('Running');
    const selected = this.session.selectedFrame;
    const thread = stopState.threads.find((candidate) => candidate.id === stopState.threadId);
    const reason = `Paused on ${stopState.description ?? stopState.reason}`;
    const frames = el(
      'ul',
      { className: 'stack-frames', role: 'list', 'aria-label': 'Call stack' },
      ...stopState.frames.map((frame, index) => this.frameRow(frame, index, frame === selected)),
    );
    const others = stopState.threads.filter((candidate) => candidate.id !== stopState.threadId);
    this.element.replaceChildren(
      el('div', { className: 'stack-thread' }, icon('debug-pause'), el('span', {}, thread?.name ?? `Thread ${stopState.threadId}`), el('span', { className: 'stack-reason' }, reason)),
      frames,
      ...others.map((other) => el('div', { className: 'stack-thread other-thread' }, icon('debug-pause'), el('span', {}, other.name))),
    );
    if (stopState.frames.length === 0) frames.append(el('li', { className: 'empty-message' }, 'No frames: the debugger could not read the stack.'));
  }

  private frameRow(frame: DebugProtocol.StackFrame, index: number, selected: boolean): HTMLElement {
    const where = frame.source?.name ? `${frame.source.name}:${frame.line}` : (frame.instructionPointerReference ?? 'unknown location');
    return el(
      'li',
      {
        className: `stack-frame${selected ? ' selected' : ''}${frame.presentationHint === 'subtle' || frame.presentationHint === 'label' ? ' subtle' : ''}`,
        'aria-current': selected ? 'true' : undefined,
      },
      el(
        'button',
        {
          className: 'stack-frame-button',
          'aria-label': `Frame ${index}: ${frame.name} at ${where}`,
          title: frame.source?.path ?? where,
          onclick: () => this.session.selectFrame(frame),
        },
        el('span', { className: `codicon ${index === 0 ? 'codicon-debug-stackframe' : selected ? 'codicon-debug-stackframe-focused' : 'stack-frame-blank'}`, 'aria-hidden': 'true' }),
        el('span', { className: 'stack-frame-name' }, frame.name),
        el('span', { className: 'stack-frame-location' }, where),
      ),
    );
  }

  private message(text: string): void {
    this.element.replaceChildren(el('p', { className: 'empty-message' }, text));
  }
}
