// Unit tests of the detail tree model: visible lines, remembered expansion keys, and the cross-highlight both ways.
import { describe, expect, it } from 'vitest';
import type { PacketDetailNode } from '../../../main/api';
import { ancestorPaths, deepestNodeAt, expansionKey, highlightRange, nodeAt, parentPath, visibleLines } from '../../../renderer/src/packets/detail-tree-model';
import { BYTES_PER_LINE, formatOffset, lineCount, linesOfRange, asciiChar } from '../../../renderer/src/packets/hex-lines';

/** An ICMP echo request as the dissectors shape it: frame, Ethernet, IPv4 (with a flags subtree), ICMP. */
const tree: PacketDetailNode[] = [
  { label: 'Frame 6: 42 bytes on wire (336 bits), 42 bytes captured (336 bits)', start: 0, length: 42 },
  {
    label: 'Ethernet II, Src: 52:55:0a:00:02:02, Dst: 52:54:00:12:34:56',
    start: 0,
    length: 14,
    children: [
      { label: 'Destination: 52:54:00:12:34:56', start: 0, length: 6 },
      { label: 'Source: 52:55:0a:00:02:02', start: 6, length: 6 },
      { label: 'Type: IPv4 (0x0800)', start: 12, length: 2 },
    ],
  },
  {
    label: 'Internet Protocol Version 4, Src: 10.0.2.2, Dst: 10.0.2.15',
    start: 14,
    length: 20,
    children: [
      { label: 'Total Length: 28', start: 16, length: 2 },
      { label: 'Flags: 0x40, Don\'t fragment', start: 20, length: 2, children: [{ label: '.1.. .... = Don\'t fragment: Set', start: 20, length: 1 }] },
      { label: 'Source Address: 10.0.2.2', start: 26, length: 4 },
    ],
  },
  { label: 'Internet Control Message Protocol', start: 34, length: 8, children: [{ label: 'Type: 0 (Echo (ping) reply)', start: 34, length: 1 }] },
];

describe('detail tree model', () => {
  it('lists top-level lines, and the children of expanded nodes in order with their levels', () => {
    expect(visibleLines(tree, () => false).map((line) => [line.path, line.level, line.expandable, line.expanded])).toEqual([
      ['0', 1, false, false],
      ['1', 1, true, false],
      ['2', 1, true, false],
      ['3', 1, true, false],
    ]);
    const open = new Set(['2', '2/1']);
    const lines = visibleLines(tree, (path) => open.has(path));
    expect(lines.map((line) => line.path)).toEqual(['0', '1', '2', '2/0', '2/1', '2/1/0', '2/2', '3']);
    expect(lines.find((line) => line.path === '2/1/0')).toMatchObject({ level: 3, position: 1, siblings: 1 });
    expect(lines.find((line) => line.path === '2/2')).toMatchObject({ level: 2, position: 3, siblings: 3 });
  });

  it('walks paths up and down', () => {
    expect(nodeAt(tree, '2/1/0')?.label).toBe('.1.. .... = Don\'t fragment: Set');
    expect(nodeAt(tree, '7')).toBeUndefined();
    expect(parentPath('2/1/0')).toBe('2/1');
    expect(parentPath('2')).toBeUndefined();
    expect(ancestorPaths('2/1/0')).toEqual(['2', '2/1']);
  });

  it('remembers expansion by label, so the next packet opens the same layers whatever their values', () => {
    expect(expansionKey(tree, '2')).toBe('Internet Protocol Version 4');
    expect(expansionKey(tree, '2/1')).toBe('Internet Protocol Version 4/Flags');
    const other: PacketDetailNode[] = [{ label: 'Internet Protocol Version 4, Src: 192.168.1.1, Dst: 8.8.8.8', start: 0, length: 20 }];
    expect(expansionKey(other, '0')).toBe(expansionKey(tree, '2'));
  });

  it('selects the deepest node covering a clicked byte', () => {
    expect(deepestNodeAt(tree, 3)).toBe('1/0');
    expect(deepestNodeAt(tree, 13)).toBe('1/2');
    // Byte 20 is covered by IPv4, its Flags, and the Don't fragment bit: the bit wins.
    expect(deepestNodeAt(tree, 20)).toBe('2/1/0');
    expect(deepestNodeAt(tree, 21)).toBe('2/1');
    // A byte inside IPv4 that no field claims selects the layer.
    expect(deepestNodeAt(tree, 24)).toBe('2');
    expect(deepestNodeAt(tree, 35)).toBe('3');
    expect(deepestNodeAt(tree, 34)).toBe('3/0');
    expect(deepestNodeAt(tree, 42)).toBeUndefined();
  });

  it('highlights a node\'s bytes, clipped to the frame', () => {
    expect(highlightRange(nodeAt(tree, '2'), 42)).toEqual({ start: 14, end: 34 });
    expect(highlightRange({ label: 'past the end', start: 40, length: 10 }, 42)).toEqual({ start: 40, end: 42 });
    expect(highlightRange({ label: 'empty', start: 5, length: 0 }, 42)).toBeUndefined();
    expect(highlightRange(undefined, 42)).toBeUndefined();
  });

  it('round-trips: the node a byte selects highlights a range containing that byte', () => {
    for (let offset = 0; offset < 42; offset++) {
      const path = deepestNodeAt(tree, offset)!;
      const range = highlightRange(nodeAt(tree, path), 42)!;
      expect(offset).toBeGreaterThanOrEqual(range.start);
      expect(offset).toBeLessThan(range.end);
    }
  });

  it('lays out hex lines and finds the lines a range needs', () => {
    expect(BYTES_PER_LINE).toBe(16);
    expect(lineCount(42)).toBe(3);
    expect(lineCount(0)).toBe(0);
    expect(formatOffset(0x20, 42)).toBe('0020');
    expect(formatOffset(0x10010, 0x10020)).toBe('10010');
    expect(linesOfRange({ start: 14, end: 34 })).toEqual({ first: 0, end: 3 });
    expect(linesOfRange({ start: 16, end: 32 })).toEqual({ first: 1, end: 2 });
    expect([0x41, 0x7e, 0x7f, 0x0a, 0x20].map(asciiChar).join('')).toBe('A~.. ');
  });
});
