// The user's breakpoints (source lines, functions, instructions), kept per workspace and announced to whoever listens.
import type { DebugProtocol } from '@vscode/debugprotocol';

/** What the adapter said about a breakpoint in the current session; empty when no session has seen it. */
export interface BreakpointVerification {
  verified?: boolean;
  message?: string;
  /** The line the adapter actually placed a source breakpoint on (gdb moves it to the next line with code). */
  actualLine?: number;
  /** The adapter's id, which `breakpoint` events refer to. */
  adapterId?: number;
}

export interface SourceBreakpoint extends BreakpointVerification {
  kind: 'source';
  id: number;
  /** Workspace-relative path. */
  path: string;
  line: number;
  enabled: boolean;
  condition?: string;
  /** Stop from this hit on: `N`, `>=N` or `>N` (DAP's hitCondition). */
  hitCondition?: string;
  /** A logpoint: this message (with `{expression}`s) is said instead of stopping. */
  logMessage?: string;
}

export interface FunctionBreakpoint extends BreakpointVerification {
  kind: 'function';
  id: number;
  name: string;
  enabled: boolean;
  condition?: string;
  hitCondition?: string;
}

/** A data breakpoint: stops when the expression's value is written (or read), a gdb watchpoint. */
export interface DataBreakpoint extends BreakpointVerification {
  kind: 'data';
  id: number;
  expression: string;
  accessType: 'write' | 'read' | 'readWrite';
  enabled: boolean;
  condition?: string;
  hitCondition?: string;
}

export interface InstructionBreakpoint extends BreakpointVerification {
  kind: 'instruction';
  id: number;
  /** The instruction's address as the adapter wrote it in `disassemble` (`0x…`). */
  address: string;
  enabled: boolean;
}

export type Breakpoint = SourceBreakpoint | FunctionBreakpoint | InstructionBreakpoint | DataBreakpoint;

/** What changed: the session re-sends those (source paths, functions, instructions); `verification` alone re-sends nothing. */
export interface BreakpointChange {
  sources: string[];
  functions: boolean;
  instructions: boolean;
  /** Data breakpoints changed (absent: they did not). */
  data?: boolean;
}

/** The part of localStorage the store uses, so tests can give it a Map. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

type Stored =
  | Omit<SourceBreakpoint, 'id' | keyof BreakpointVerification>
  | Omit<FunctionBreakpoint, 'id' | keyof BreakpointVerification>
  | Omit<InstructionBreakpoint, 'id' | keyof BreakpointVerification>
  | Omit<DataBreakpoint, 'id' | keyof BreakpointVerification>;

export class BreakpointStore {
  private breakpoints: Breakpoint[] = [];
  private nextId = 1;
  private storageKey: string | undefined;
  private readonly listeners = new Set<(change: BreakpointChange) => void>();

  constructor(private readonly storage: KeyValueStorage) {}

  /** Loads the breakpoints saved for a workspace (its absolute root); later changes are saved there. */
  load(workspaceRoot: string | null): void {
    this.storageKey = workspaceRoot ? `mirador.breakpoints:${workspaceRoot}` : undefined;
    this.breakpoints = [];
    const text = this.storageKey ? this.storage.getItem(this.storageKey) : null;
    if (text) {
      try {
        for (const entry of JSON.parse(text) as Stored[]) {
          if (isStored(entry)) this.breakpoints.push({ ...entry, id: this.nextId++ } as Breakpoint);
        }
      } catch {
        // A corrupt entry (hand-edited storage) must not keep the workbench from starting; it is replaced on the next change.
      }
    }
    this.fire({ sources: this.sourcePaths(), functions: true, instructions: true, data: true }, false);
  }

  onDidChange(listener: (change: BreakpointChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  all(): readonly Breakpoint[] {
    return this.breakpoints;
  }

  get(id: number): Breakpoint | undefined {
    return this.breakpoints.find((breakpoint) => breakpoint.id === id);
  }

  sources(path?: string): SourceBreakpoint[] {
    return this.breakpoints.filter((b): b is SourceBreakpoint => b.kind === 'source' && (path === undefined || b.path === path)).sort((a, b) => a.line - b.line);
  }

  functions(): FunctionBreakpoint[] {
    return this.breakpoints.filter((b): b is FunctionBreakpoint => b.kind === 'function');
  }

  data(): DataBreakpoint[] {
    return this.breakpoints.filter((b): b is DataBreakpoint => b.kind === 'data');
  }

  /** A data breakpoint on an expression (one per expression and access). */
  addData(expression: string, accessType: DataBreakpoint['accessType'] = 'write'): DataBreakpoint | undefined {
    const trimmed = expression.trim();
    if (!trimmed) return undefined;
    const existing = this.data().find((breakpoint) => breakpoint.expression === trimmed && breakpoint.accessType === accessType);
    if (existing) return existing;
    const breakpoint: DataBreakpoint = { kind: 'data', id: this.nextId++, expression: trimmed, accessType, enabled: true };
    this.breakpoints.push(breakpoint);
    this.changed(breakpoint);
    return breakpoint;
  }

  instructions(): InstructionBreakpoint[] {
    return this.breakpoints.filter((b): b is InstructionBreakpoint => b.kind === 'instruction');
  }

  sourcePaths(): string[] {
    return [...new Set(this.sources().map((breakpoint) => breakpoint.path))].sort();
  }

  /** Adds a breakpoint on the line, or removes the one there: a click in the gutter. */
  toggleLine(path: string, line: number): void {
    const existing = this.sources(path).find((breakpoint) => breakpoint.line === line);
    if (existing) this.remove(existing.id);
    else this.addSource(path, line);
  }

  addSource(path: string, line: number, condition?: string): SourceBreakpoint {
    const breakpoint: SourceBreakpoint = { kind: 'source', id: this.nextId++, path, line, enabled: true, condition: condition || undefined };
    this.breakpoints.push(breakpoint);
    this.changed(breakpoint);
    return breakpoint;
  }

  addFunction(name: string, condition?: string): FunctionBreakpoint | undefined {
    const trimmed = name.trim();
    if (!trimmed) return undefined;
    const existing = this.functions().find((breakpoint) => breakpoint.name === trimmed);
    if (existing) return existing;
    const breakpoint: FunctionBreakpoint = { kind: 'function', id: this.nextId++, name: trimmed, enabled: true, condition: condition || undefined };
    this.breakpoints.push(breakpoint);
    this.changed(breakpoint);
    return breakpoint;
  }

  toggleInstruction(address: string): void {
    const existing = this.instructions().find((breakpoint) => sameAddress(breakpoint.address, address));
    if (existing) return this.remove(existing.id);
    const breakpoint: InstructionBreakpoint = { kind: 'instruction', id: this.nextId++, address, enabled: true };
    this.breakpoints.push(breakpoint);
    this.changed(breakpoint);
  }

  remove(id: number): void {
    const breakpoint = this.get(id);
    if (!breakpoint) return;
    this.breakpoints = this.breakpoints.filter((other) => other !== breakpoint);
    this.changed(breakpoint);
  }

  removeAll(): void {
    const change: BreakpointChange = { sources: this.sourcePaths(), functions: true, instructions: true, data: true };
    this.breakpoints = [];
    this.fire(change, true);
  }

  setEnabled(id: number, enabled: boolean): void {
    const breakpoint = this.get(id);
    if (!breakpoint || breakpoint.enabled === enabled) return;
    breakpoint.enabled = enabled;
    this.changed(breakpoint);
  }

  setAllEnabled(enabled: boolean): void {
    for (const breakpoint of this.breakpoints) breakpoint.enabled = enabled;
    this.fire({ sources: this.sourcePaths(), functions: true, instructions: true, data: true }, true);
  }

  setCondition(id: number, condition: string | undefined): void {
    const breakpoint = this.get(id);
    if (!breakpoint || breakpoint.kind === 'instruction') return;
    breakpoint.condition = condition?.trim() || undefined;
    this.changed(breakpoint);
  }

  setLogMessage(id: number, logMessage: string | undefined): void {
    const breakpoint = this.get(id);
    if (!breakpoint || breakpoint.kind !== 'source') return;
    breakpoint.logMessage = logMessage?.trim() || undefined;
    this.changed(breakpoint);
  }

  setHitCondition(id: number, hitCondition: string | undefined): void {
    const breakpoint = this.get(id);
    if (!breakpoint || breakpoint.kind === 'instruction') return;
    breakpoint.hitCondition = hitCondition?.trim() || undefined;
    this.changed(breakpoint);
  }

  /** Follows edits: breakpoints move with their lines; two that land on one line become one. */
  moveLines(path: string, lines: Map<number, number>): void {
    let moved = false;
    for (const breakpoint of this.sources(path)) {
      const line = lines.get(breakpoint.id);
      if (line !== undefined && line !== breakpoint.line) {
        breakpoint.line = line;
        breakpoint.actualLine = undefined;
        moved = true;
      }
    }
    if (!moved) return;
    const seen = new Set<number>();
    this.breakpoints = this.breakpoints.filter((breakpoint) => {
      if (breakpoint.kind !== 'source' || breakpoint.path !== path) return true;
      if (seen.has(breakpoint.line)) return false;
      seen.add(breakpoint.line);
      return true;
    });
    this.fire({ sources: [path], functions: false, instructions: false }, true);
  }

  /** Records the adapter's answer to `setBreakpoints` and friends: `sent[i]` was answered by `results[i]`. */
  applyVerification(sent: readonly Breakpoint[], results: readonly DebugProtocol.Breakpoint[]): void {
    sent.forEach((breakpoint, index) => applyResult(breakpoint, results[index]));
    this.fire({ sources: [], functions: false, instructions: false }, false);
  }

  /** A `breakpoint` event: the adapter changed one of the breakpoints it reported before (e.g. verified it later). */
  updateFromAdapter(result: DebugProtocol.Breakpoint): void {
    const breakpoint = this.breakpoints.find((candidate) => result.id !== undefined && candidate.adapterId === result.id);
    if (!breakpoint) return;
    applyResult(breakpoint, result);
    this.fire({ sources: [], functions: false, instructions: false }, false);
  }

  /** The session ended: nothing is verified any more. */
  clearVerification(): void {
    for (const breakpoint of this.breakpoints) {
      breakpoint.verified = undefined;
      breakpoint.message = undefined;
      breakpoint.actualLine = undefined;
      breakpoint.adapterId = undefined;
    }
    this.fire({ sources: [], functions: false, instructions: false }, false);
  }

  private changed(breakpoint: Breakpoint): void {
    breakpoint.verified = undefined;
    breakpoint.actualLine = undefined;
    this.fire(
      {
        sources: breakpoint.kind === 'source' ? [breakpoint.path] : [],
        functions: breakpoint.kind === 'function',
        instructions: breakpoint.kind === 'instruction',
        data: breakpoint.kind === 'data',
      },
      true,
    );
  }

  private fire(change: BreakpointChange, save: boolean): void {
    if (save) this.save();
    for (const listener of this.listeners) listener(change);
  }

  private save(): void {
    if (!this.storageKey) return;
    const stored: Stored[] = this.breakpoints.map((breakpoint) => {
      if (breakpoint.kind === 'source') {
        return { kind: 'source', path: breakpoint.path, line: breakpoint.line, enabled: breakpoint.enabled, condition: breakpoint.condition, hitCondition: breakpoint.hitCondition, logMessage: breakpoint.logMessage };
      }
      if (breakpoint.kind === 'function') return { kind: 'function', name: breakpoint.name, enabled: breakpoint.enabled, condition: breakpoint.condition, hitCondition: breakpoint.hitCondition };
      if (breakpoint.kind === 'data') return { kind: 'data', expression: breakpoint.expression, accessType: breakpoint.accessType, enabled: breakpoint.enabled, condition: breakpoint.condition, hitCondition: breakpoint.hitCondition };
      return { kind: 'instruction', address: breakpoint.address, enabled: breakpoint.enabled };
    });
    this.storage.setItem(this.storageKey, JSON.stringify(stored));
  }
}

function applyResult(breakpoint: Breakpoint, result: DebugProtocol.Breakpoint | undefined): void {
  if (!result) return;
  breakpoint.verified = result.verified;
  breakpoint.message = result.message;
  breakpoint.adapterId = result.id ?? breakpoint.adapterId;
  if (breakpoint.kind === 'source') breakpoint.actualLine = result.line !== undefined && result.line !== breakpoint.line ? result.line : undefined;
}

function sameAddress(a: string, b: string): boolean {
  try {
    return BigInt(a) === BigInt(b);
  } catch {
    return a === b;
  }
}

function isStored(entry: unknown): entry is Stored {
  if (typeof entry !== 'object' || entry === null) return false;
  const value = entry as Record<string, unknown>;
  if (typeof value.enabled !== 'boolean') return false;
  if (value.kind === 'source') return typeof value.path === 'string' && Number.isInteger(value.line) && (value.line as number) > 0;
  if (value.kind === 'function') return typeof value.name === 'string';
  if (value.kind === 'instruction') return typeof value.address === 'string';
  if (value.kind === 'data') return typeof value.expression === 'string' && (value.accessType === 'write' || value.accessType === 'read' || value.accessType === 'readWrite');
  return false;
}
