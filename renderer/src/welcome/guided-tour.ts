// A short guided tour: a small dialog beside one real part of the workbench at a time, with Back, Next and End Tour.
import { el } from '../workbench/element';

export interface TourStep {
  title: string;
  /** What the part does, in two or three plain sentences. */
  body(targetFound: boolean): string;
  /** Brings the part on screen (opens its side view or panel) before it is pointed at. */
  prepare?(): void;
  /** The part pointed at; null when this build of Mirador does not have it (the step is then shown centred). */
  target(): HTMLElement | null;
}

const GAP = 12;

export class GuidedTour {
  private readonly dialog: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly text: HTMLElement;
  private readonly counter: HTMLElement;
  private readonly back: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private steps: TourStep[] = [];
  private index = 0;
  private highlighted: HTMLElement | null = null;

  constructor(parent: HTMLElement) {
    this.heading = el('h3', { className: 'tour-title', id: 'tour-title' });
    this.text = el('p', { className: 'tour-text', id: 'tour-text' });
    this.counter = el('span', { className: 'tour-counter' });
    this.back = el('button', { type: 'button', className: 'welcome-secondary', onclick: () => this.show(this.index - 1) }, 'Back');
    this.next = el('button', { type: 'button', className: 'primary-button tour-next', onclick: () => this.advance() }, 'Next');
    this.dialog = el(
      'div',
      { className: 'tour-dialog', role: 'dialog', 'aria-labelledby': 'tour-title', 'aria-describedby': 'tour-text', hidden: true },
      this.heading,
      this.text,
      el('div', { className: 'tour-buttons' }, this.counter, this.back, this.next, el('button', { type: 'button', className: 'welcome-secondary', onclick: () => this.end() }, 'End Tour')),
    );
    this.dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.end();
      }
    });
    parent.append(this.dialog);
    window.addEventListener('resize', () => this.isRunning && this.place());
  }

  get isRunning(): boolean {
    return !this.dialog.hidden;
  }

  start(steps: TourStep[]): void {
    this.steps = steps;
    this.dialog.hidden = false;
    this.show(0);
    this.next.focus();
  }

  end(): void {
    this.setHighlight(null);
    this.dialog.hidden = true;
  }

  private advance(): void {
    if (this.index >= this.steps.length - 1) this.end();
    else this.show(this.index + 1);
  }

  private show(index: number): void {
    this.index = Math.max(0, Math.min(index, this.steps.length - 1));
    const step = this.steps[this.index]!;
    step.prepare?.();
    const target = step.target();
    this.heading.textContent = step.title;
    this.text.textContent = step.body(target !== null);
    this.counter.textContent = `${this.index + 1} of ${this.steps.length}`;
    this.back.disabled = this.index === 0;
    this.next.textContent = this.index === this.steps.length - 1 ? 'Finish' : 'Next';
    this.setHighlight(target);
    // The step's part may only now be laid out (a side view just opened): place after the next frame.
    this.place();
    requestAnimationFrame(() => this.place());
  }

  private setHighlight(target: HTMLElement | null): void {
    this.highlighted?.classList.remove('tour-target');
    this.highlighted = target;
    target?.classList.add('tour-target');
  }

  /** Beside the part when there is room (right, then below, then above), otherwise in the middle of the window. */
  private place(): void {
    const box = this.dialog.getBoundingClientRect();
    const target = this.highlighted?.getBoundingClientRect();
    let left = (window.innerWidth - box.width) / 2;
    let top = (window.innerHeight - box.height) / 2;
    if (target && target.width > 0) {
      if (target.right + GAP + box.width < window.innerWidth) {
        left = target.right + GAP;
        top = target.top;
      } else if (target.bottom + GAP + box.height < window.innerHeight) {
        left = target.left;
        top = target.bottom + GAP;
      } else {
        left = target.left;
        top = target.top - GAP - box.height;
      }
    }
    this.dialog.style.left = `${Math.max(GAP, Math.min(left, window.innerWidth - box.width - GAP))}px`;
    this.dialog.style.top = `${Math.max(GAP, Math.min(top, window.innerHeight - box.height - GAP))}px`;
  }
}
