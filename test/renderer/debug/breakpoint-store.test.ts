// Breakpoints kept per workspace: toggling, enabling, moving with edits, verification from the adapter, persistence.
import { describe, expect, it } from 'vitest';
import { BreakpointStore, type BreakpointChange, type KeyValueStorage } from '../../../renderer/src/debug/breakpoint-store';

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

describe('BreakpointStore', () => {
  it('toggles a line, and tells which source changed', () => {
    const store = new BreakpointStore(memoryStorage());
    store.load('/ws');
    const changes: BreakpointChange[] = [];
    store.onDidChange((change) => changes.push(change));
    store.toggleLine('kernel.c', 53);
    store.toggleLine('kernel.c', 60);
    expect(store.sources('kernel.c').map((b) => b.line)).toEqual([53, 60]);
    store.toggleLine('kernel.c', 53);
    expect(store.sources('kernel.c').map((b) => b.line)).toEqual([60]);
    expect(changes.map((change) => change.sources)).toEqual([['kernel.c'], ['kernel.c'], ['kernel.c']]);
  });

  it('keeps breakpoints per workspace across reloads, without session state', () => {
    const storage = memoryStorage();
    const first = new BreakpointStore(storage);
    first.load('/ws');
    first.addSource('src/boot.S', 12, 'eax == 0');
    first.addFunction('kernel_main');
    first.toggleInstruction('0xfff0');
    first.setEnabled(first.functions()[0].id, false);
    first.applyVerification(first.sources(), [{ verified: true, line: 13, id: 7 }]);

    const second = new BreakpointStore(storage);
    second.load('/ws');
    expect(second.sources()).toMatchObject([{ path: 'src/boot.S', line: 12, condition: 'eax == 0', enabled: true }]);
    expect(second.sources()[0].verified).toBeUndefined();
    expect(second.functions()).toMatchObject([{ name: 'kernel_main', enabled: false }]);
    expect(second.instructions()).toMatchObject([{ address: '0xfff0', enabled: true }]);
    second.load('/other');
    expect(second.all()).toEqual([]);
  });

  it('survives corrupt storage', () => {
    const storage = memoryStorage();
    storage.setItem('mirador.breakpoints:/ws', '{not json');
    const store = new BreakpointStore(storage);
    store.load('/ws');
    expect(store.all()).toEqual([]);
    storage.setItem('mirador.breakpoints:/ws', JSON.stringify([{ kind: 'source', path: 'a.c', line: 0, enabled: true }, { kind: 'function', name: 'f', enabled: true }]));
    store.load('/ws');
    expect(store.all().map((b) => b.kind)).toEqual(['function']);
  });

  it('records the adapter verdicts, updates them from breakpoint events, and forgets them when the session ends', () => {
    const store = new BreakpointStore(memoryStorage());
    store.load('/ws');
    const a = store.addSource('kernel.c', 52);
    const b = store.addSource('kernel.c', 200);
    store.applyVerification([a, b], [{ verified: true, line: 53, id: 1 }, { verified: false, message: 'no code', id: 2 }]);
    expect(store.get(a.id)).toMatchObject({ verified: true, actualLine: 53 });
    expect(store.get(b.id)).toMatchObject({ verified: false, message: 'no code' });
    store.updateFromAdapter({ id: 2, verified: true, line: 200 });
    expect(store.get(b.id)).toMatchObject({ verified: true, actualLine: undefined });
    store.clearVerification();
    expect(store.get(a.id)).toMatchObject({ verified: undefined, actualLine: undefined, adapterId: undefined });
  });

  it('moves breakpoints with edits and merges two that meet on one line', () => {
    const store = new BreakpointStore(memoryStorage());
    store.load('/ws');
    const a = store.addSource('kernel.c', 10);
    const b = store.addSource('kernel.c', 12);
    store.moveLines('kernel.c', new Map([[a.id, 11], [b.id, 11]]));
    expect(store.sources('kernel.c').map((bp) => bp.line)).toEqual([11]);
  });

  it('adds a function breakpoint once per name and ignores blank names', () => {
    const store = new BreakpointStore(memoryStorage());
    store.load('/ws');
    expect(store.addFunction('  ')).toBeUndefined();
    store.addFunction('kernel_main');
    store.addFunction('kernel_main ');
    expect(store.functions()).toHaveLength(1);
  });
});
