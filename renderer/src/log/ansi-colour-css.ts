// Maps an ANSI colour (palette index or #rrggbb) to a CSS colour: the 16 base colours follow the theme, the rest are fixed.
import type { AnsiColour } from './ansi-sgr-parser';

const CUBE_LEVELS = [0, 95, 135, 175, 215, 255];

export function ansiColourCss(colour: AnsiColour): string {
  if (typeof colour === 'string') return colour;
  if (colour < 16) return `var(--ansi-${colour})`;
  if (colour < 232) {
    const cube = colour - 16;
    return `rgb(${CUBE_LEVELS[Math.floor(cube / 36)]}, ${CUBE_LEVELS[Math.floor(cube / 6) % 6]}, ${CUBE_LEVELS[cube % 6]})`;
  }
  const grey = 8 + (colour - 232) * 10;
  return `rgb(${grey}, ${grey}, ${grey})`;
}
