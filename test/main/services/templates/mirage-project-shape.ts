// Test helper: reads a MirageOS project's config.ml and unikernel.ml far enough to check they agree with each other.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface ConfigShape {
  /** `Unikernel.Hello` → module `Hello` of unikernel.ml. */
  file: string;
  module: string;
  /** Devices before `job` in the functor type, e.g. ['time'] for `time @-> job`. */
  devices: string[];
  /** The image name given to `register`. */
  name: string;
  /** Arguments applied with `$` to main in the register list. */
  applied: string[];
}

export interface UnikernelModule {
  /** Functor parameters as written, e.g. ['Time : Mirage_time.S']. */
  parameters: string[];
  /** Parameters of the module's `start`. */
  startParameters: string[];
}

const stripComments = (source: string) => source.replace(/\(\*[\s\S]*?\*\)/g, ' ');

export function readConfigShape(projectDir: string): ConfigShape {
  const source = stripComments(readFileSync(path.join(projectDir, 'config.ml'), 'utf8'));
  const main = /let\s+main\s*=\s*main\b[\s\S]*?"([A-Z][\w']*)\.([A-Z][\w']*)"\s*\(([^)]*)\)/.exec(source);
  if (!main) throw new Error('config.ml has no `let main = main ... "File.Module" (... @-> job)`');
  const types = main[3]!.split('@->').map((part) => part.trim());
  if (types.at(-1) !== 'job') throw new Error(`the functor type of main does not end in job: ${main[3]}`);
  const register = /let\s+\(\)\s*=\s*register\s+"([^"]+)"\s*\[\s*main((?:\s*\$\s*[\w.' ]+?)*)\s*\]/.exec(source);
  if (!register) throw new Error('config.ml has no `let () = register "name" [ main $ ... ]`');
  const applied = register[2]!.split('$').map((part) => part.trim()).filter((part) => part !== '');
  return { file: main[1]!, module: main[2]!, devices: types.slice(0, -1), name: register[1]!, applied };
}

export function readUnikernelModule(projectDir: string, file: string, module: string): UnikernelModule {
  const source = stripComments(readFileSync(path.join(projectDir, `${file.toLowerCase()}.ml`), 'utf8'));
  const header = new RegExp(`module\\s+${module}\\s*((?:\\([^)]*\\)\\s*)*)=\\s*struct([\\s\\S]*?)\\nend\\b`).exec(source);
  if (!header) throw new Error(`${file.toLowerCase()}.ml defines no module ${module} = struct ... end`);
  const parameters = [...header[1]!.matchAll(/\(([^)]*)\)/g)].map((match) => match[1]!.trim());
  const start = /let\s+start\s+([^=]*)=/.exec(header[2]!);
  if (!start) throw new Error(`module ${module} has no start function`);
  return { parameters, startParameters: start[1]!.trim().split(/\s+/) };
}
