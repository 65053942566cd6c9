// The adapter's small parts: stopOnEntry forms, boot-phase timing, DAP breakpoint ids across restarts, memory references,
// the guest console's batching into output events.
import { PassThrough } from 'node:stream';
import { OutputEvent, StoppedEvent } from '@vscode/debugadapter';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BootPhaseEventBody } from '../../../../main/api/debug-protocol';
import { BootPhaseClock } from '../../../../main/debug/adapter/boot-phase-clock';
import { BreakpointIds } from '../../../../main/debug/adapter/breakpoint-ids';
import { CONSOLE_BATCH_MAX_CHARS, CONSOLE_BATCH_WINDOW_MS, ConsoleOutputBatch } from '../../../../main/debug/adapter/console-output-batch';
import { MiradorDebugSession } from '../../../../main/debug/adapter/mirador-debug-session';
import { parseMemoryReference } from '../../../../main/debug/adapter/dap-inspection';
import { parseEntryStop } from '../../../../main/debug/gdb/entry-stop';

describe('parseEntryStop', () => {
  it('reads every form the issue names', () => {
    expect(parseEntryStop(undefined)).toEqual({ kind: 'none' });
    expect(parseEntryStop(false)).toEqual({ kind: 'none' });
    expect(parseEntryStop(true)).toEqual({ kind: 'reset' });
    expect(parseEntryStop('reset')).toEqual({ kind: 'reset' });
    expect(parseEntryStop('entry')).toEqual({ kind: 'entry' });
    expect(parseEntryStop(' kernel_main ')).toEqual({ kind: 'symbol', name: 'kernel_main' });
    expect(parseEntryStop(1)).toBeNull();
    expect(parseEntryStop({})).toBeNull();
    expect(parseEntryStop('   ')).toBeNull();
  });
});

describe('BootPhaseClock', () => {
  it('reports each phase once, with non-decreasing times to 0.1 ms', async () => {
    const events: BootPhaseEventBody[] = [];
    const clock = new BootPhaseClock((body) => events.push(body));
    clock.mark('vmm-start');
    await new Promise((resolve) => setTimeout(resolve, 5));
    clock.mark('first-console-byte');
    clock.mark('vmm-start');
    clock.mark('first-console-byte');
    expect(events.map((event) => event.name)).toEqual(['vmm-start', 'first-console-byte']);
    expect(events[1]!.t).toBeGreaterThanOrEqual(events[0]!.t + 4);
    expect(events.every((event) => Number.isInteger(event.t * 10))).toBe(true);
  });
});

describe('BreakpointIds', () => {
  it('keeps DAP ids across a restart that places the same breakpoints under new gdb numbers', () => {
    const ids = new BreakpointIds();
    const first = ids.assign('source:/k.c', [1, undefined, 2], false);
    expect(new Set(first).size).toBe(3);
    expect(ids.toDap([2, 1, 99])).toEqual([first[2], first[0]]);
    ids.forgetGdbNumbers();
    expect(ids.toDap([1])).toEqual([]);
    expect(ids.assign('source:/k.c', [7, 8, 9], true)).toEqual(first);
    expect(ids.toDap([8])).toEqual([first[1]]);
    // A new request for the group (the user edited its breakpoints) gets new ids.
    const edited = ids.assign('source:/k.c', [10], false);
    expect(first).not.toContain(edited[0]);
  });
});

describe('parseMemoryReference', () => {
  it('reads hexadecimal and decimal addresses, and refuses expressions', () => {
    expect(parseMemoryReference('0x0010002c')).toBe(0x10002cn);
    expect(parseMemoryReference(' 4096 ')).toBe(4096n);
    expect(() => parseMemoryReference('$pc')).toThrow('"$pc" is not a memory address');
  });
});

describe('ConsoleOutputBatch', () => {
  afterEach(() => vi.useRealTimers());

  it('sends the text gathered within its window as one piece, and nothing when there is none', () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    const batch = new ConsoleOutputBatch((text) => sent.push(text));
    batch.add('2026-1');
    batch.add('');
    batch.add('1-21T11:11:49+00:00: [INFO] ');
    vi.advanceTimersByTime(CONSOLE_BATCH_WINDOW_MS - 1);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(['2026-11-21T11:11:49+00:00: [INFO] ']);
    vi.advanceTimersByTime(CONSOLE_BATCH_WINDOW_MS * 3);
    batch.flush();
    expect(sent).toHaveLength(1);
  });

  it('waits no longer than its window for a steady trickle, and sends a flood at once', () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    const batch = new ConsoleOutputBatch((text) => sent.push(text));
    for (let index = 0; index < 20; index++) {
      batch.add('x');
      vi.advanceTimersByTime(1);
    }
    // The window runs from the first byte, not the last: a guest printing a byte a millisecond is still seen.
    expect(sent.join('')).toBe('x'.repeat(20));
    expect(sent.length).toBeLessThanOrEqual(2);
    batch.flush();
    sent.length = 0;
    batch.add('y'.repeat(CONSOLE_BATCH_MAX_CHARS));
    expect(sent).toEqual(['y'.repeat(CONSOLE_BATCH_MAX_CHARS)]);
  });
});

describe('the session\'s console output', () => {
  /** DAP messages the session wrote, decoded. */
  function readMessages(stream: PassThrough): { event?: string; body?: { output?: string; category?: string } }[] {
    const text = String(stream.read() ?? '');
    return text
      .split(/Content-Length: \d+\r\n\r\n/)
      .filter((part) => part !== '')
      .map((part) => JSON.parse(part));
  }

  it('sends the console text gathered so far before a stop, and console-category notices at once', () => {
    const session = new MiradorDebugSession({ planLaunch: () => Promise.reject(new Error('not used')) });
    const output = new PassThrough();
    session.start(new PassThrough(), output);
    session.sendEvent(new OutputEvent('booting ', 'stdout'));
    session.sendEvent(new OutputEvent('kernel\r\n', 'stdout'));
    session.sendEvent(new OutputEvent('Mirador: a notice\n', 'console'));
    session.sendEvent(new StoppedEvent('step', 1));
    const messages = readMessages(output);
    expect(messages.map((message) => [message.event, message.body?.output])).toEqual([
      ['output', 'booting kernel\r\n'],
      ['output', 'Mirador: a notice\n'],
      ['stopped', undefined],
    ]);
    session.sendEvent(new StoppedEvent('step', 1));
    expect(readMessages(output).map((message) => message.event)).toEqual(['stopped']);
  });

  it('sends each piece at once when batching is off (an adapter in the client\'s process)', () => {
    const session = new MiradorDebugSession({ planLaunch: () => Promise.reject(new Error('not used')), batchConsole: false });
    const output = new PassThrough();
    session.start(new PassThrough(), output);
    session.sendEvent(new OutputEvent('done, ', 'stdout'));
    session.sendEvent(new OutputEvent('exiting with 0\n', 'stdout'));
    expect(readMessages(output).map((message) => message.body?.output)).toEqual(['done, ', 'exiting with 0\n']);
  });

  it('sends the waiting console text when the process is killed', () => {
    const session = new MiradorDebugSession({ planLaunch: () => Promise.reject(new Error('not used')) });
    const output = new PassThrough();
    session.start(new PassThrough(), output);
    session.sendEvent(new OutputEvent('panic: out of memory\n', 'stdout'));
    session.killNow();
    expect(readMessages(output).map((message) => message.body?.output)).toEqual(['panic: out of memory\n']);
  });

  it('sends console text with no event after it once the window is over', async () => {
    const session = new MiradorDebugSession({ planLaunch: () => Promise.reject(new Error('not used')) });
    const output = new PassThrough();
    session.start(new PassThrough(), output);
    session.sendEvent(new OutputEvent('last words\n', 'stdout'));
    expect(readMessages(output)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, CONSOLE_BATCH_WINDOW_MS + 20));
    expect(readMessages(output).map((message) => message.body?.output)).toEqual(['last words\n']);
  });
});
