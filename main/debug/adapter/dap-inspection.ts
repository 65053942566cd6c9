// Answers DAP's inspection requests (stack, scopes, variables, evaluate, memory, disassembly) from the debugging engine.
import path from 'node:path';
import { Handles } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { GuestStateReader, RegisterGroup } from '../gdb/guest-state-reader';
import type { GdbFrame, GdbVarObject } from '../gdb/gdb-results';
import type { RegisterGroupName } from '../gdb/register-groups';

type FrameRef = { threadId: number; level: number };

/** What a `variablesReference` stands for; all of them are forgotten when the guest resumes. */
type Container =
  | { kind: 'locals'; frame: FrameRef }
  | { kind: 'registers'; frame: FrameRef }
  | { kind: 'register-group'; frame: FrameRef; group: RegisterGroupName }
  /** A structure or array local: expanded through a gdb variable object made on first expansion. */
  | { kind: 'local'; frame: FrameRef; expression: string }
  | { kind: 'var-object'; name: string; frame: FrameRef };

/** Shown in the Registers scope directly; the rest sits under one expandable entry. */
const DIRECT_REGISTER_GROUPS: RegisterGroupName[] = ['general', 'segment', 'control'];

export class DapInspection {
  private readonly frames = new Handles<FrameRef>();
  private readonly containers = new Handles<Container>();
  /** Children shown from gdb variable objects, by `reference:name`: what Set Value assigns to. */
  private readonly childVarObjects = new Map<string, { varObject: string; frame: FrameRef }>();

  constructor(
    private readonly engine: GuestStateReader,
    private readonly clientLine: (line: number) => number,
  ) {}

  /** The guest moved: frame ids and variable references of the last stop mean nothing any more. */
  forget(): void {
    this.frames.reset();
    this.containers.reset();
    this.childVarObjects.clear();
  }

  /**
   * DAP setVariable: `name` of the container `variablesReference` takes `value` (a C expression), assigned by gdb in
   * that variable's frame; answers the value gdb reads back.
   */
  async setVariable(args: DebugProtocol.SetVariableArguments): Promise<DebugProtocol.SetVariableResponse['body']> {
    const container = this.containers.get(args.variablesReference);
    if (!container) throw new Error('That variable is gone: the guest moved since it was shown.');
    let expression: string;
    let frame: FrameRef;
    if (container.kind === 'locals') [expression, frame] = [args.name, container.frame];
    else if (container.kind === 'registers' || container.kind === 'register-group') [expression, frame] = [`$${args.name}`, container.frame];
    else {
      const child = this.childVarObjects.get(`${args.variablesReference}:${args.name}`);
      if (!child) throw new Error(`No ${args.name} here to set.`);
      [expression, frame] = [await this.engine.varPathExpression(child.varObject), child.frame];
    }
    await this.engine.evaluate(`${expression} = (${args.value})`, frame.threadId, frame.level);
    return { value: await this.engine.evaluate(expression, frame.threadId, frame.level) };
  }

  async stackTrace(args: DebugProtocol.StackTraceArguments): Promise<DebugProtocol.StackTraceResponse['body']> {
    const start = args.startFrame ?? 0;
    const levels = args.levels && args.levels > 0 ? args.levels : 64;
    const frames = await this.engine.frames(args.threadId, start, levels);
    const stackFrames = frames.map((frame) => this.stackFrame(args.threadId, frame));
    // gdb counts frames only by walking them all; "one more than shown" tells the client to ask for the next page.
    return { stackFrames, totalFrames: frames.length < levels ? start + frames.length : start + frames.length + 1 };
  }

  private stackFrame(threadId: number, frame: GdbFrame): DebugProtocol.StackFrame {
    const id = this.frames.create({ threadId, level: frame.level });
    const name = frame.func ?? frame.address;
    const stackFrame: DebugProtocol.StackFrame = { id, name, line: 0, column: 0, instructionPointerReference: frame.address };
    if (frame.fullname && frame.line !== undefined) {
      stackFrame.source = { name: path.basename(frame.fullname), path: frame.fullname };
      stackFrame.line = this.clientLine(frame.line);
      stackFrame.column = 1;
    } else {
      // No source: clients show the disassembly at instructionPointerReference instead.
      stackFrame.presentationHint = 'subtle';
    }
    return stackFrame;
  }

  scopes(args: DebugProtocol.ScopesArguments): DebugProtocol.ScopesResponse['body'] {
    const frame = this.frame(args.frameId);
    return {
      scopes: [
        { name: 'Locals', presentationHint: 'locals', variablesReference: this.containers.create({ kind: 'locals', frame }), expensive: false },
        { name: 'Registers', presentationHint: 'registers', variablesReference: this.containers.create({ kind: 'registers', frame }), expensive: false },
      ],
    };
  }

  async variables(args: DebugProtocol.VariablesArguments): Promise<DebugProtocol.VariablesResponse['body']> {
    const container = this.containers.get(args.variablesReference);
    if (!container) return { variables: [] };
    switch (container.kind) {
      case 'locals':
        return { variables: await this.locals(container.frame) };
      case 'registers':
        return { variables: await this.registers(container.frame) };
      case 'register-group': {
        const groups = await this.engine.registerGroups(container.frame.threadId, container.frame.level);
        return { variables: registerVariables(groups.find((group) => group.name === container.group)) };
      }
      case 'local': {
        const varObject = await this.engine.createVarObject(container.expression, container.frame.threadId, container.frame.level);
        return { variables: await this.children(varObject.name, container.frame, args.variablesReference) };
      }
      case 'var-object':
        return { variables: await this.children(container.name, container.frame, args.variablesReference) };
    }
  }

  private async locals(frame: FrameRef): Promise<DebugProtocol.Variable[]> {
    const variables = await this.engine.variables(frame.threadId, frame.level);
    // Arguments first, as a C programmer reads a function.
    const ordered = [...variables.filter((variable) => variable.isArgument), ...variables.filter((variable) => !variable.isArgument)];
    return ordered.map((variable) => {
      const composite = variable.value === undefined;
      return {
        name: variable.name,
        value: composite ? `{…}` : variable.value!,
        ...(variable.type ? { type: variable.type } : {}),
        variablesReference: composite ? this.containers.create({ kind: 'local', frame, expression: variable.name }) : 0,
      };
    });
  }

  private async registers(frame: FrameRef): Promise<DebugProtocol.Variable[]> {
    const groups = await this.engine.registerGroups(frame.threadId, frame.level);
    const direct = DIRECT_REGISTER_GROUPS.flatMap((name) => registerVariables(groups.find((group) => group.name === name)));
    const nested = groups
      .filter((group) => !DIRECT_REGISTER_GROUPS.includes(group.name))
      .map((group) => ({ name: group.name, value: `${group.registers.length} registers`, variablesReference: this.containers.create({ kind: 'register-group', frame, group: group.name }) }));
    return [...direct, ...nested];
  }

  private async children(varObjectName: string, frame: FrameRef, reference: number): Promise<DebugProtocol.Variable[]> {
    const children = await this.engine.varObjectChildren(varObjectName);
    return children.map((child) => {
      const name = child.expression ?? child.name;
      this.childVarObjects.set(`${reference}:${name}`, { varObject: child.name, frame });
      return this.varObjectVariable(name, child, frame);
    });
  }

  private varObjectVariable(name: string, varObject: GdbVarObject, frame: FrameRef): DebugProtocol.Variable {
    return {
      name,
      value: varObject.value ?? (varObject.numchild > 0 ? '{…}' : ''),
      ...(varObject.type ? { type: varObject.type } : {}),
      variablesReference: varObject.numchild > 0 ? this.containers.create({ kind: 'var-object', name: varObject.name, frame }) : 0,
    };
  }

  /** A gdb expression in the selected frame (watch, hover, debug console); structures expand like locals. */
  async evaluate(expression: string, frameId: number | undefined): Promise<DebugProtocol.EvaluateResponse['body']> {
    const frame = this.frame(frameId);
    const varObject = await this.engine.createVarObject(expression, frame.threadId, frame.level);
    const variable = this.varObjectVariable(expression, varObject, frame);
    return { result: variable.value, ...(variable.type ? { type: variable.type } : {}), variablesReference: variable.variablesReference };
  }

  async readMemory(args: DebugProtocol.ReadMemoryArguments): Promise<DebugProtocol.ReadMemoryResponse['body']> {
    const address = parseMemoryReference(args.memoryReference) + BigInt(args.offset ?? 0);
    const read = await this.engine.readMemory(address, args.count);
    return { address: `0x${read.address.toString(16)}`, data: read.data.toString('base64'), unreadableBytes: read.unreadable };
  }

  async writeMemory(args: DebugProtocol.WriteMemoryArguments): Promise<{ address: bigint; bytesWritten: number }> {
    const address = parseMemoryReference(args.memoryReference) + BigInt(args.offset ?? 0);
    const data = Buffer.from(args.data, 'base64');
    await this.engine.writeMemory(address, data);
    return { address, bytesWritten: data.length };
  }

  async disassemble(args: DebugProtocol.DisassembleArguments): Promise<DebugProtocol.DisassembleResponse['body']> {
    const origin = parseMemoryReference(args.memoryReference) + BigInt(args.offset ?? 0);
    const entries = await this.engine.disassemble(origin, args.instructionOffset ?? 0, args.instructionCount);
    let lastPath: string | undefined;
    const instructions = entries.map(({ address, instruction }): DebugProtocol.DisassembledInstruction => {
      if (!instruction) return { address: `0x${address.toString(16)}`, instruction: '??', presentationHint: 'invalid' };
      const result: DebugProtocol.DisassembledInstruction = { address: instruction.address, instruction: instruction.instruction };
      if (instruction.opcodes) result.instructionBytes = instruction.opcodes;
      if (instruction.func && args.resolveSymbols !== false) result.symbol = instruction.offset ? `${instruction.func}+${instruction.offset}` : instruction.func;
      if (instruction.fullname && instruction.line !== undefined) {
        // DAP: a location is given where it changes; the instructions after it share it.
        if (instruction.fullname !== lastPath) result.location = { name: path.basename(instruction.fullname), path: instruction.fullname };
        lastPath = instruction.fullname;
        result.line = this.clientLine(instruction.line);
      }
      return result;
    });
    return { instructions };
  }

  private frame(frameId: number | undefined): FrameRef {
    return (frameId === undefined ? undefined : this.frames.get(frameId)) ?? { threadId: 1, level: 0 };
  }
}

function registerVariables(group: RegisterGroup | undefined): DebugProtocol.Variable[] {
  return (group?.registers ?? []).map((register) => ({ name: register.name, value: register.value, variablesReference: 0 }));
}

/** DAP memory references are ours (`0x0010002c`), but a client may pass a number or an expression's value back. */
export function parseMemoryReference(reference: string): bigint {
  const text = reference.trim();
  if (!/^(0x[0-9a-f]+|\d+)$/i.test(text)) throw new Error(`"${reference}" is not a memory address (write it as 0x0010002c)`);
  return BigInt(text);
}
