// Draws a Solo5 memory map as one horizontal bar of labelled regions (SVG), with the banner's facts in the caption.
import type { Solo5Banner } from './solo5-banner';
import { svg } from './svg-element';

const WIDTH = 640;
const BAR_Y = 18;
const BAR_HEIGHT = 22;
/** The heap/stack span dwarfs text and data: every region gets at least this share of the bar so it stays readable. */
const MIN_SHARE = 0.1;

export function memoryMapPicture(banner: Solo5Banner): SVGSVGElement {
  const regions = banner.regions;
  const sizes = regions.map((region) => Math.max(region.end - region.start, 1));
  const total = sizes.reduce((sum, size) => sum + size, 0) || 1;
  const shares = sizes.map((size) => Math.max(size / total, MIN_SHARE));
  const shareTotal = shares.reduce((sum, share) => sum + share, 0) || 1;
  const caption = [
    banner.addressableMB !== undefined ? `${banner.addressableMB} MB addressable` : '',
    banner.bindingsVersion ? `Solo5 ${banner.bindingsVersion}` : '',
    banner.exit ? (banner.exit.kind === 'abort' ? 'solo5_abort()' : `solo5_exit(${banner.exit.status})`) : '',
  ].filter(Boolean).join(' · ');
  const picture = svg('svg', { class: 'memory-map', viewBox: `0 0 ${WIDTH} 70`, role: 'img', 'aria-label': `Solo5 memory map: ${regions.map((r) => `${r.name} ${hex(r.start)}–${hex(r.end)}`).join(', ')}` },
    svg('text', { x: 0, y: 12, class: 'picture-caption' }, caption || 'Solo5 memory map'));
  let x = 0;
  regions.forEach((region, index) => {
    const width = (shares[index]! / shareTotal) * WIDTH;
    picture.append(
      svg('g', { class: `memory-region memory-region-${region.name.replace(/[^a-z]/g, '')}` },
        svg('title', {}, `${region.name}: ${hex(region.start)} – ${hex(region.end - 1)} (${sizeLabel(region.end - region.start)})`),
        svg('rect', { x: x + 0.5, y: BAR_Y, width: Math.max(width - 1, 1), height: BAR_HEIGHT, rx: 2 }),
        svg('text', { x: x + 4, y: BAR_Y + 15, class: 'region-name' }, region.name),
        svg('text', { x: x + 4, y: BAR_Y + BAR_HEIGHT + 14, class: 'region-address' }, `${hex(region.start)} · ${sizeLabel(region.end - region.start)}`)),
    );
    x += width;
  });
  return picture;
}

function hex(value: number): string {
  return `0x${value.toString(16)}`;
}

function sizeLabel(bytes: number): string {
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(bytes % (1 << 20) ? 1 : 0)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} B`;
}
