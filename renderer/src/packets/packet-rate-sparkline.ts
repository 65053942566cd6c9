// The packet-rate sparkline: frames per second over the last minute of a live capture, redrawn once a second.
import { svg } from '../log/svg-element';
import { el } from '../workbench/element';
import { PacketRateHistory, RATE_WINDOW_SECONDS } from './packet-rate-history';

const WIDTH = 120;
const HEIGHT = 20;

export class PacketRateSparkline {
  readonly element: HTMLElement;
  private readonly history = new PacketRateHistory();
  private readonly line: SVGPolylineElement;
  private readonly area: SVGPolygonElement;
  private readonly label: HTMLElement;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    this.line = svg('polyline', { class: 'sparkline-line' });
    this.area = svg('polygon', { class: 'sparkline-area' });
    const picture = svg('svg', { class: 'sparkline', width: WIDTH, height: HEIGHT, viewBox: `0 0 ${WIDTH} ${HEIGHT}`, 'aria-hidden': 'true' }, this.area, this.line);
    this.label = el('span', { className: 'sparkline-label' });
    this.element = el('div', { className: 'packet-rate', role: 'img', title: 'Frames per second over the last minute' }, picture, this.label);
    this.element.hidden = true;
  }

  /** Starts following a live capture. */
  start(): void {
    this.history.reset();
    this.element.hidden = false;
    this.timer ??= setInterval(() => this.draw(), 1000);
    this.draw();
  }

  /** No live capture: the sparkline goes away (a file has no "now"). */
  stop(keepVisible = false): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.element.hidden = !keepVisible;
    this.draw();
  }

  record(total: number): void {
    this.history.record(Date.now(), total);
  }

  private draw(): void {
    const bins = this.history.bins(Date.now());
    // The running second is incomplete: the rate shown is the last complete one.
    const current = bins[bins.length - 2] ?? 0;
    const peak = Math.max(1, ...bins);
    const step = WIDTH / (RATE_WINDOW_SECONDS - 1);
    const points = bins.map((value, index) => `${(index * step).toFixed(1)},${(HEIGHT - 1 - (value / peak) * (HEIGHT - 3)).toFixed(1)}`);
    this.line.setAttribute('points', points.join(' '));
    this.area.setAttribute('points', `0,${HEIGHT} ${points.join(' ')} ${WIDTH},${HEIGHT}`);
    this.label.textContent = `${current} fr/s`;
    this.element.setAttribute('aria-label', `Packet rate: ${current} frames per second now, peak ${Math.max(...bins)} in the last minute`);
  }
}
