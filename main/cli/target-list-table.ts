// Renders the targets `mirador targets` prints: mark, id, label, and for unavailable ones the reason and the fix.
import type { TargetInfo } from '../api/launch-protocol';

export function targetListTable(targets: TargetInfo[]): string[] {
  const idWidth = Math.max(...targets.map((target) => target.id.length), 2);
  const labelWidth = Math.max(...targets.map((target) => target.label.length), 5);
  const lines = targets.flatMap((target) => {
    const head = `${target.available ? '✓' : '✗'} ${target.id.padEnd(idWidth)}  ${target.label.padEnd(labelWidth)}  `;
    if (target.available) return [`${head}available`];
    const indent = ' '.repeat(head.length);
    return [`${head}not available: ${target.reason ?? 'no reason given'}`, ...(target.fix ? [`${indent}fix: ${target.fix}`] : [])];
  });
  const available = targets.filter((target) => target.available).length;
  return [...lines, '', `${available} of ${targets.length} targets available here.`];
}
