// Terminal colours for the dark and light workbench themes: VS Code's default terminal palettes.
import type { ITheme } from '@xterm/xterm';

export type TerminalThemeKind = 'dark' | 'light';

const DARK: ITheme = {
  foreground: '#cccccc',
  background: '#1e1e1e',
  cursor: '#cccccc',
  cursorAccent: '#1e1e1e',
  selectionBackground: '#ffffff40',
  black: '#000000',
  red: '#cd3131',
  green: '#0dbc79',
  yellow: '#e5e510',
  blue: '#2472c8',
  magenta: '#bc3fbc',
  cyan: '#11a8cd',
  white: '#e5e5e5',
  brightBlack: '#666666',
  brightRed: '#f14c4c',
  brightGreen: '#23d18b',
  brightYellow: '#f5f543',
  brightBlue: '#3b8eea',
  brightMagenta: '#d670d6',
  brightCyan: '#29b8db',
  brightWhite: '#e5e5e5',
};

const LIGHT: ITheme = {
  foreground: '#333333',
  background: '#ffffff',
  cursor: '#333333',
  cursorAccent: '#ffffff',
  selectionBackground: '#00000040',
  black: '#000000',
  red: '#cd3131',
  green: '#00bc00',
  yellow: '#949800',
  blue: '#0451a5',
  magenta: '#bc05bc',
  cyan: '#0598bc',
  white: '#555555',
  brightBlack: '#666666',
  brightRed: '#cd3131',
  brightGreen: '#14ce14',
  brightYellow: '#b5ba00',
  brightBlue: '#0451a5',
  brightMagenta: '#bc05bc',
  brightCyan: '#0598bc',
  brightWhite: '#a5a5a5',
};

export function terminalTheme(kind: TerminalThemeKind): ITheme {
  return kind === 'dark' ? DARK : LIGHT;
}

/**
 * Programs pick ANSI colours without knowing the background (bright yellow on white, blue on black);
 * xterm lifts such text to this WCAG AA contrast ratio, as VS Code does by default.
 */
export const MINIMUM_CONTRAST_RATIO = 4.5;
