// Describes a MirageOS project: asks the mirage tool when it is installed, otherwise reads config.ml as best it can.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { UnikernelDescription, UnikernelKey } from '../../main/api/project-protocol';
import { readConfigMl } from './config-ml-reading';
import { mirageTarget } from './mirage-targets';
import { parseDescribeKeys, parseDotDevices, parseName, parseQueryPackages } from './mirage-tool-output';

export interface ToolRun {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs a program (argv, never a shell) in a folder; the backend gives it a time limit. */
export type ToolRunner = (command: string, args: string[], cwd: string) => Promise<ToolRun>;

async function readOptional(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').catch(() => undefined);
}

/** null when the folder has no config.ml: it is not a MirageOS project. */
export async function describeUnikernel(folder: string, options: { target?: string; mirage?: ToolRunner }): Promise<UnikernelDescription | null> {
  const configMl = await readOptional(path.join(folder, 'config.ml'));
  if (configMl === undefined) return null;
  const reading = readConfigMl(configMl, await readOptional(path.join(folder, 'unikernel.ml')));
  let target: string;
  try {
    target = mirageTarget(options.target);
  } catch (error) {
    return { ...reading, problems: [...reading.problems, `${(error as Error).message}.`] };
  }
  if (!options.mirage) return reading;
  try {
    return await askMirage(folder, target, options.mirage, reading);
  } catch (error) {
    return { ...reading, problems: [...reading.problems, `The mirage tool could not describe this project: ${(error as Error).message}`] };
  }
}

async function askMirage(folder: string, target: string, mirage: ToolRunner, reading: UnikernelDescription): Promise<UnikernelDescription> {
  const run = async (args: string[]) => {
    const result = await mirage('mirage', args, folder);
    if (result.code !== 0) {
      const said = `${result.stderr}\n${result.stdout}`.trim().split('\n').slice(-3).join(' ');
      throw new Error(`\`mirage ${args.join(' ')}\` exited with ${result.code ?? 'a signal'}${said ? `: ${said}` : ''}`);
    }
    return result.stdout;
  };
  const packages = parseQueryPackages(await run(['query', '--target', target, 'packages']));
  const described = await run(['describe', '--target', target]);
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'mirador-describe-'));
  let devices = reading.devices;
  try {
    const dotFile = path.join(scratch, 'unikernel.dot');
    await run(['describe', '--target', target, '--dot', '-o', dotFile]);
    devices = parseDotDevices(await readFile(dotFile, 'utf8'), reading.main);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  // mirage lists configure keys with their values; runtime arguments are only known once built, so they stay read from the text.
  const configureKeys = parseDescribeKeys(described);
  const runtimeKeys = reading.keys.filter((key: UnikernelKey) => key.stage === 'runtime');
  return {
    source: 'mirage',
    notice: `From \`mirage query\` and \`mirage describe\` for the ${target} target. Runtime arguments (--ipv4...) are read from config.ml and unikernel.ml, since mirage lists them only in the built image's --help.`,
    name: parseName(described) ?? reading.name,
    ...(reading.main ? { main: reading.main } : {}),
    devices,
    packages,
    keys: [...configureKeys, ...runtimeKeys],
    problems: [],
  };
}
