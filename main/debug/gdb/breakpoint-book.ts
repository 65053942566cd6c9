// The user's breakpoints as gdb holds them, by group (one source file, functions, instructions); a group is replaced whole.
import path from 'node:path';
import type { BreakpointPolicy } from './gdb-connection-plan';
import { GdbCommandError } from './gdb-mi-process';
import type { BreakpointSpec, GdbDriver } from './gdb-driver';
import type { GdbBreakpoint } from './gdb-results';
import { ignoreCountOf } from '../../api/debug-protocol';

export type BreakpointKind = 'source' | 'function' | 'instruction' | 'data';

export interface BreakpointRequest {
  kind: BreakpointKind;
  /** source: the file's path; function: its name; instruction: an address expression (`0x10000c`); data: the expression watched. */
  location: string;
  /** data: stop when the value is written (the default), read, or either. */
  access?: 'write' | 'read' | 'readWrite';
  line?: number;
  condition?: string;
  /** A logpoint's message (DAP's logMessage): said with its `{expression}`s evaluated, instead of stopping. */
  logMessage?: string;
  /** DAP's hitCondition: `N` or `>=N` (stop from the Nth hit on), `>N` (from the one after); gdb's ignore count. */
  hitCondition?: string;
}

export interface BreakpointOutcome {
  /** gdb's breakpoint number, also the DAP breakpoint id. */
  id?: number;
  verified: boolean;
  /** Where gdb put it, which may be a later line than asked (the next line with code). */
  line?: number;
  fullname?: string;
  address?: string;
  message?: string;
}

interface Placed {
  request: BreakpointRequest;
  breakpoint: GdbBreakpoint;
}

export class BreakpointBook {
  private readonly groups = new Map<string, Placed[]>();

  constructor(
    private readonly gdb: GdbDriver,
    private readonly policy: BreakpointPolicy,
    /** Slots taken by breakpoints outside the book (the engine's own), counted against the policy's limit. */
    private readonly reservedSlots: () => number = () => 0,
  ) {}

  /** Replaces the group's breakpoints with `requests`; each outcome says whether gdb placed it, where, or why not. */
  async replace(group: string, requests: BreakpointRequest[]): Promise<BreakpointOutcome[]> {
    const old = this.groups.get(group) ?? [];
    this.groups.delete(group);
    await this.gdb.deleteBreakpoints(old.map((placed) => placed.breakpoint.number));
    const placed: Placed[] = [];
    const outcomes: BreakpointOutcome[] = [];
    for (const request of requests) {
      if (this.policy.limit !== undefined && this.reservedSlots() + this.placedCount() + placed.length >= this.policy.limit) {
        outcomes.push({ verified: false, message: `Not set: ${this.policy.limitReason ?? `the stub holds ${this.policy.limit} breakpoints`}; remove one to place this one.` });
        continue;
      }
      const ignoreCount = request.hitCondition?.trim() ? ignoreCountOf(request.hitCondition) : 0;
      if (ignoreCount === undefined) {
        outcomes.push({ verified: false, message: `Not set: hit count "${request.hitCondition}" is not N, >=N or >N (gdb stops from a given hit on, by ignoring the ones before).` });
        continue;
      }
      try {
        const breakpoint = await this.insert(request, ignoreCount);
        placed.push({ request, breakpoint });
        outcomes.push(outcome(breakpoint));
      } catch (error) {
        if (!(error instanceof GdbCommandError)) throw error;
        outcomes.push({ verified: false, message: error.message });
      }
    }
    if (placed.length > 0) this.groups.set(group, placed);
    return outcomes;
  }

  /** The user's breakpoints at an address (gdb names only one when several share it). */
  at(address: bigint): { id: number; kind: BreakpointKind; condition?: string; logMessage?: string }[] {
    const found: { id: number; kind: BreakpointKind; condition?: string; logMessage?: string }[] = [];
    for (const placed of this.all()) {
      const where = placed.breakpoint.address;
      if (where && /^0x[0-9a-f]+$/i.test(where) && BigInt(where) === address) {
        found.push({ id: Number(placed.breakpoint.number), kind: placed.request.kind, condition: placed.request.condition, logMessage: placed.request.logMessage || undefined });
      }
    }
    return found;
  }

  kindOf(number: string): BreakpointKind | undefined {
    return this.all().find((placed) => placed.breakpoint.number === number)?.request.kind;
  }

  private all(): Placed[] {
    return [...this.groups.values()].flat();
  }

  private placedCount(): number {
    return this.all().length;
  }

  private async insert(request: BreakpointRequest, ignoreCount: number): Promise<GdbBreakpoint> {
    const base: BreakpointSpec = { hardware: this.policy.hardware, condition: request.condition || undefined, ignoreCount: ignoreCount || undefined };
    if (request.kind === 'function') return this.gdb.insertBreakpoint({ ...base, location: request.location });
    if (request.kind === 'instruction') return this.gdb.insertBreakpoint({ ...base, location: `*${request.location}` });
    if (request.kind === 'data') return this.gdb.insertWatchpoint(request.location, request.access ?? 'write');
    const line = request.line ?? 1;
    try {
      return await this.gdb.insertBreakpoint({ ...base, source: { file: request.location, line } });
    } catch (error) {
      // The editor's path and the one in the DWARF differ when the image was built from another copy of the
      // sources; the file's name alone then finds it (gdb says so if that is ambiguous).
      if (!(error instanceof GdbCommandError) || !/No source file named/.test(error.message) || !path.isAbsolute(request.location)) throw error;
      return this.gdb.insertBreakpoint({ ...base, source: { file: path.basename(request.location), line } });
    }
  }
}

function outcome(breakpoint: GdbBreakpoint): BreakpointOutcome {
  const result: BreakpointOutcome = { id: Number(breakpoint.number), verified: breakpoint.address !== '<PENDING>' };
  if (breakpoint.line !== undefined) result.line = breakpoint.line;
  if (breakpoint.fullname !== undefined) result.fullname = breakpoint.fullname;
  if (breakpoint.address !== undefined && breakpoint.address.startsWith('0x')) result.address = breakpoint.address;
  return result;
}
