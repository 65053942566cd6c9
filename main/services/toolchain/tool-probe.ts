// Checks one tool: is it on PATH, does its version command answer in time, and what version does it report.
import type { ToolStatus } from '../../api/toolchain-protocol';
import type { CommandResult, CommandRunner } from './command-runner';
import { searchPath } from './executable-search';
import { firstLine, type ToolSpec } from './tool-catalog';

export interface ProbeContext {
  pathDirs: readonly string[];
  run: CommandRunner;
  timeoutMs: number;
}

class ProbeTimeout extends Error {}

export async function probeTool(spec: ToolSpec, context: ProbeContext): Promise<ToolStatus> {
  const { name } = spec;
  const search = await searchPath(name, context.pathDirs);
  if (search.kind === 'missing') return { name, found: false, problem: `no ${name} on PATH`, fix: spec.fix };
  if (search.kind === 'not-executable') {
    return { name, found: false, problem: `${search.path} is on PATH but is not executable`, fix: `chmod +x ${search.path}` };
  }
  const found = { name, found: true, path: search.path } as const;
  const commandLine = [name, ...spec.versionArgs].join(' ');
  let result: CommandResult;
  try {
    result = await runWithTimeout(context, search.path, spec.versionArgs);
  } catch (error) {
    if (error instanceof ProbeTimeout) {
      return { ...found, problem: `\`${commandLine}\` did not answer within ${formatSeconds(context.timeoutMs)}; run it in a terminal to see why it hangs` };
    }
    return { ...found, problem: `${search.path} could not be run: ${(error as Error).message}` };
  }
  const output = `${result.stdout}\n${result.stderr}`;
  const version = spec.versionPattern.exec(output)?.[1];
  // Some tools only print their version inside a usage message that exits non-zero, so a version found is enough.
  if (version !== undefined) return { ...found, version };
  if (result.code === 0) return found;
  const explained = spec.explainFailure?.(output);
  if (explained) return { ...found, ...explained };
  const status = result.code === null ? 'was killed by a signal' : `exited with status ${result.code}`;
  const said = firstLine(output);
  return { ...found, problem: `\`${commandLine}\` ${status}${said ? `: ${said}` : ''}` };
}

async function runWithTimeout(context: ProbeContext, command: string, args: string[]): Promise<CommandResult> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const reason = new ProbeTimeout();
      controller.abort(reason);
      reject(reason);
    }, context.timeoutMs);
  });
  try {
    return await Promise.race([context.run(command, args, controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
