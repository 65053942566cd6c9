// Says what to do after a build step failed: install the missing tool, fix the listed errors, or read the output.
import { TOOL_CATALOG } from '../toolchain/tool-catalog';

/** Install commands for build tools the doctor does not list (it covers the OCaml, Solo5 and VMM side). */
const BUILD_TOOL_FIXES: Record<string, string> = {
  make: 'sudo apt-get install make',
  gcc: 'sudo apt-get install gcc',
  cc: 'sudo apt-get install gcc',
  ld: 'sudo apt-get install binutils',
  as: 'sudo apt-get install binutils',
  ocamlfind: 'opam install ocamlfind (or: sudo apt-get install ocaml-findlib)',
  ocamlc: 'sudo apt-get install ocaml',
  ocamlopt: 'sudo apt-get install ocaml',
};

/** How shells and make say a program is missing: `sh: 1: mirage: not found`, `make: mirage: No such file or directory`. */
const MISSING_PROGRAM = [
  /^(?:\/bin\/)?(?:ba|da)?sh: (?:line )?\d+: ([^\s:]+): (?:command )?not found$/m,
  /^([^\s:/]+): command not found$/m,
  /^g?make(?:\[\d+\])?: ([^\s:]+): No such file or directory$/m,
  /^g?make(?:\[\d+\])?: ([^\s:]+): Command not found$/m,
];

export function installFix(program: string): string | undefined {
  const name = program.split('/').pop()!;
  return TOOL_CATALOG.find((tool) => tool.name === name)?.fix ?? BUILD_TOOL_FIXES[name];
}

/** The tool a step's output says was not found, if it says so. */
export function missingProgramIn(output: string): string | undefined {
  for (const pattern of MISSING_PROGRAM) {
    const match = pattern.exec(output);
    if (match) return match[1];
  }
  return undefined;
}

export function notInstalledAdvice(program: string): string {
  const fix = installFix(program);
  return fix ? `${program} is not installed (or not on PATH); install it: ${fix}` : `${program} is not installed (or not on PATH); install it or fix PATH`;
}

/** One clause for the end of a failure message. */
export function failureAdvice(output: string, errorCount: number): string {
  const missing = missingProgramIn(output);
  if (missing !== undefined) return notInstalledAdvice(missing);
  if (errorCount > 0) return `fix the ${errorCount === 1 ? 'error' : `${errorCount} errors`} the compiler reported and build again`;
  return 'see the build output above for the reason';
}
