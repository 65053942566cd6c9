// The adapter's small parts: stopOnEntry forms, boot-phase timing, DAP breakpoint ids across restarts, memory references.
import { describe, expect, it } from 'vitest';
import type { BootPhaseEventBody } from '../../../../main/api/debug-protocol';
import { BootPhaseClock } from '../../../../main/debug/adapter/boot-phase-clock';
import { BreakpointIds } from '../../../../main/debug/adapter/breakpoint-ids';
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
