// The detail tree as data: node paths, the lines shown for the expanded nodes, and which node covers a byte (hex → tree).
import type { PacketDetailNode } from '../../../main/api';

/** A node's place in the tree: child indices from the root joined by `/`, e.g. `2/0/3`. */
export type NodePath = string;

export interface TreeLine {
  path: NodePath;
  node: PacketDetailNode;
  /** 1 for top-level lines (aria-level). */
  level: number;
  expandable: boolean;
  expanded: boolean;
  /** Index among its siblings and their count (aria-posinset / aria-setsize). */
  position: number;
  siblings: number;
}

export function nodeAt(tree: readonly PacketDetailNode[], path: NodePath): PacketDetailNode | undefined {
  let nodes: readonly PacketDetailNode[] | undefined = tree;
  let node: PacketDetailNode | undefined;
  for (const part of path.split('/')) {
    node = nodes?.[Number(part)];
    if (!node) return undefined;
    nodes = node.children;
  }
  return node;
}

export function parentPath(path: NodePath): NodePath | undefined {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? undefined : path.slice(0, slash);
}

/** Every ancestor of a path, outermost first (what must be expanded for the path to be seen). */
export function ancestorPaths(path: NodePath): NodePath[] {
  const parts = path.split('/');
  return parts.slice(1).map((_, index) => parts.slice(0, index + 1).join('/'));
}

/**
 * The key a node's expanded state is remembered by from one packet to the next, as Wireshark does: the labels of it and
 * its ancestors up to their first `:` or `,` (`Internet Protocol Version 4/Flags`), so values that differ do not matter.
 */
export function expansionKey(tree: readonly PacketDetailNode[], path: NodePath): string {
  const labels: string[] = [];
  let nodes: readonly PacketDetailNode[] | undefined = tree;
  for (const part of path.split('/')) {
    const node: PacketDetailNode | undefined = nodes?.[Number(part)];
    if (!node) break;
    labels.push(node.label.split(/[:,=]/, 1)[0].trim());
    nodes = node.children;
  }
  return labels.join('/');
}

/** The lines to show: top-level nodes, and the children of every expanded node, in order. */
export function visibleLines(tree: readonly PacketDetailNode[], isExpanded: (path: NodePath) => boolean): TreeLine[] {
  const lines: TreeLine[] = [];
  const walk = (nodes: readonly PacketDetailNode[], prefix: string, level: number) => {
    nodes.forEach((node, index) => {
      const path = prefix ? `${prefix}/${index}` : String(index);
      const expandable = (node.children?.length ?? 0) > 0;
      const expanded = expandable && isExpanded(path);
      lines.push({ path, node, level, expandable, expanded, position: index + 1, siblings: nodes.length });
      if (expanded) walk(node.children!, path, level + 1);
    });
  };
  walk(tree, '', 1);
  return lines;
}

function covers(node: PacketDetailNode, offset: number): boolean {
  return node.length > 0 && offset >= node.start && offset < node.start + node.length;
}

/**
 * The deepest node whose bytes include `offset` (clicking a byte in the hex pane selects it). Among siblings that
 * both cover it, the narrower one wins: it says more about that byte.
 */
export function deepestNodeAt(tree: readonly PacketDetailNode[], offset: number): NodePath | undefined {
  let best: { path: NodePath; depth: number; length: number } | undefined;
  const walk = (nodes: readonly PacketDetailNode[], prefix: string, depth: number) => {
    nodes.forEach((node, index) => {
      const path = prefix ? `${prefix}/${index}` : String(index);
      // A parent's range may be narrower than its children's (a header node vs. its payload), so look below either way.
      if (covers(node, offset) && (!best || depth > best.depth || (depth === best.depth && node.length < best.length))) {
        best = { path, depth, length: node.length };
      }
      if (node.children) walk(node.children, path, depth + 1);
    });
  };
  walk(tree, '', 0);
  return best?.path;
}

/** The byte range a node covers, clipped to the frame (a malformed frame's tree may point past its end). */
export function highlightRange(node: PacketDetailNode | undefined, frameLength: number): { start: number; end: number } | undefined {
  if (!node || node.length <= 0) return undefined;
  const start = Math.max(0, Math.min(node.start, frameLength));
  const end = Math.max(start, Math.min(node.start + node.length, frameLength));
  return end > start ? { start, end } : undefined;
}
