// A draggable divider that resizes the side bar or the bottom panel, also by keyboard (it is a separator).
import { el } from './element';

export interface SashOptions {
  orientation: 'vertical' | 'horizontal';
  label: string;
  /** Current size of the resized part, in pixels. */
  size(): number;
  /** Sets the size; the sign of dragging is decided by the caller through `invert`. */
  resize(size: number): void;
  invert?: boolean;
}

export function createSash(options: SashOptions): HTMLElement {
  const sash = el('div', {
    className: `sash sash-${options.orientation}`,
    role: 'separator',
    tabIndex: 0,
    'aria-label': options.label,
    'aria-orientation': options.orientation,
  });
  const sign = options.invert ? -1 : 1;
  sash.addEventListener('pointerdown', (down) => {
    const start = options.orientation === 'vertical' ? down.clientX : down.clientY;
    const startSize = options.size();
    sash.setPointerCapture(down.pointerId);
    sash.classList.add('active');
    const move = (event: PointerEvent) => {
      const position = options.orientation === 'vertical' ? event.clientX : event.clientY;
      options.resize(startSize + sign * (position - start));
    };
    const up = () => {
      sash.classList.remove('active');
      sash.removeEventListener('pointermove', move);
      sash.removeEventListener('pointerup', up);
    };
    sash.addEventListener('pointermove', move);
    sash.addEventListener('pointerup', up);
  });
  sash.addEventListener('keydown', (event) => {
    const step = event.shiftKey ? 50 : 10;
    const grow = options.orientation === 'vertical' ? 'ArrowRight' : 'ArrowDown';
    const shrink = options.orientation === 'vertical' ? 'ArrowLeft' : 'ArrowUp';
    if (event.key === grow) options.resize(options.size() + sign * step);
    else if (event.key === shrink) options.resize(options.size() - sign * step);
    else return;
    event.preventDefault();
  });
  return sash;
}
