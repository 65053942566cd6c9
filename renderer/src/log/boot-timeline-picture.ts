// Draws the adapter's boot phases (mirador/bootPhase) as a small SVG timeline: one marker per phase at its time.
import type { BootPhaseEventBody } from '../../../main/api';
import { svg } from './svg-element';

const WIDTH = 640;
const LEFT = 8;
const RIGHT = 8;
const AXIS_Y = 30;

export function bootTimelinePicture(phases: readonly BootPhaseEventBody[]): SVGSVGElement {
  const sorted = [...phases].sort((a, b) => a.t - b.t);
  const end = Math.max(sorted[sorted.length - 1]?.t ?? 0, 1);
  const scale = (t: number) => LEFT + (t / end) * (WIDTH - LEFT - RIGHT);
  const label = sorted.map((phase) => `${phase.name} ${phase.t.toFixed(1)} ms`).join(', ');
  const picture = svg('svg', { class: 'boot-timeline', viewBox: `0 0 ${WIDTH} 64`, role: 'img', 'aria-label': `Boot timeline: ${label}` },
    svg('text', { x: 0, y: 12, class: 'picture-caption' }, `Boot timeline (${end.toFixed(1)} ms)`),
    svg('line', { x1: LEFT, y1: AXIS_Y, x2: WIDTH - RIGHT, y2: AXIS_Y, class: 'timeline-axis' }));
  sorted.forEach((phase, index) => {
    const x = scale(phase.t);
    // Phases often land close together: alternate label rows so neighbours do not overwrite each other.
    const labelY = index % 2 === 0 ? AXIS_Y + 16 : AXIS_Y + 30;
    const anchor = x > WIDTH * 0.8 ? 'end' : 'start';
    picture.append(
      svg('g', { class: `boot-phase boot-phase-${phase.name}` },
        svg('title', {}, `${phase.name} at ${phase.t.toFixed(1)} ms`),
        svg('circle', { cx: x, cy: AXIS_Y, r: 4 }),
        svg('text', { x, y: labelY, 'text-anchor': anchor }, `${phase.name} ${phase.t.toFixed(1)} ms`)),
    );
  });
  picture.setAttribute('viewBox', `0 0 ${WIDTH} ${sorted.length > 1 ? 68 : 52}`);
  return picture;
}
