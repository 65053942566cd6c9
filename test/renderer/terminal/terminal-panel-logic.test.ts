// The panel's pure parts: terminal numbers, the exit line, early events and the colour palettes.
import { describe, expect, it } from 'vitest';
import { EarlyOutputBuffer } from '../../../renderer/src/terminal/early-output-buffer';
import { exitMessage } from '../../../renderer/src/terminal/exit-message';
import { lowestFreeNumber } from '../../../renderer/src/terminal/terminal-numbering';
import { terminalTheme } from '../../../renderer/src/terminal/terminal-themes';

describe('lowestFreeNumber', () => {
  it('takes the lowest number not in use', () => {
    expect(lowestFreeNumber([])).toBe(1);
    expect(lowestFreeNumber([1, 2, 3])).toBe(4);
    expect(lowestFreeNumber([3, 1])).toBe(2);
  });
});

describe('exitMessage', () => {
  it('states the exit code, and the signal when there was one', () => {
    expect(exitMessage({ exitCode: 3 })).toBe('[process exited with code 3]');
    expect(exitMessage({ exitCode: 0, signal: 9 })).toBe('[process exited with code 0 (signal 9)]');
  });
});

describe('EarlyOutputBuffer', () => {
  it('hands over held data and exit once, per terminal', () => {
    const buffer = new EarlyOutputBuffer();
    buffer.holdData(2, 'a');
    buffer.holdData(3, 'x');
    buffer.holdData(2, 'b');
    buffer.holdExit({ id: 2, exitCode: 1 });
    expect(buffer.take(2)).toEqual({ data: ['a', 'b'], exit: { id: 2, exitCode: 1 } });
    expect(buffer.take(2)).toEqual({ data: [] });
    buffer.clear();
    expect(buffer.take(3)).toEqual({ data: [] });
  });
});

describe('terminalTheme', () => {
  it.each(['dark', 'light'] as const)('defines all 16 ANSI colours and the basics for %s', (kind) => {
    const theme = terminalTheme(kind);
    const names = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];
    const keys = [...names, ...names.map((n) => `bright${n[0].toUpperCase()}${n.slice(1)}`), 'foreground', 'background', 'cursor'];
    for (const key of keys) expect(theme[key as keyof typeof theme], key).toMatch(/^#[0-9a-f]{6}([0-9a-f]{2})?$/);
  });

  it('puts dark text on light and light text on dark', () => {
    const luminance = (hex: string) => parseInt(hex.slice(1, 3), 16) + parseInt(hex.slice(3, 5), 16) + parseInt(hex.slice(5, 7), 16);
    const dark = terminalTheme('dark');
    const light = terminalTheme('light');
    expect(luminance(dark.foreground!)).toBeGreaterThan(luminance(dark.background!));
    expect(luminance(light.foreground!)).toBeLessThan(luminance(light.background!));
  });
});
