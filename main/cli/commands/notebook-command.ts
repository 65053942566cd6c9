// `mirador notebook run IN.ipynb [--output OUT.ipynb] [--timeout S]`: runs every code cell headless and saves the outputs.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { MagicCellExecutor } from '../../notebook/magic-cell-executor';
import { OcamlKernel } from '../../services/kernel/ocaml-kernel';
import { NotebookFormatError, parseNotebook, serializeNotebook } from '../../services/notebook/ipynb-format';
import { runNotebook } from '../../services/notebook/notebook-runner';
import type { CliCommand } from '../cli-command';
import { CliError, UsageError } from '../cli-error';

export const notebookCommand: CliCommand = {
  async run(args, context) {
    const [subcommand, ...rest] = args;
    if (subcommand !== 'run') throw new UsageError(subcommand === undefined ? 'missing subcommand (run)' : `unknown subcommand ${subcommand}`);
    const { input, output, timeoutMs } = parseRunArguments(rest);
    let notebook;
    try {
      notebook = parseNotebook(await readFile(input, 'utf8'));
    } catch (error) {
      if (error instanceof NotebookFormatError) throw new CliError(`${input}: ${error.message}`);
      throw new CliError(`cannot read ${input}: ${(error as Error).message}`);
    }
    // Magics act on the current folder, as `mirador build` and `mirador run` do.
    const kernel = new MagicCellExecutor(new OcamlKernel({ cwd: process.cwd(), onNotice: (notice) => context.stderr(`mirador notebook: ${notice}`) }), { workspace: process.cwd(), appRoot: context.appRoot });
    try {
      const report = await runNotebook(notebook, kernel, { timeoutMs, progress: (line) => context.stderr(`mirador notebook: ${line}`) });
      await writeFile(output, serializeNotebook(notebook));
      if (report.failure) {
        const error = report.failure.result.error;
        context.stderr(`mirador notebook: cell ${report.failure.cellNumber} failed: ${error?.ename ?? 'error'}: ${error?.evalue ?? ''}`);
        context.stderr(`mirador notebook: outputs written to ${output}`);
        return 1;
      }
      context.stderr(`mirador notebook: ${report.ran} code cells ran; outputs written to ${output}`);
      return 0;
    } finally {
      await kernel.shutdown();
    }
  },
};

function parseRunArguments(args: string[]): { input: string; output: string; timeoutMs?: number } {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { output: { type: 'string', short: 'o' }, timeout: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split('. ')[0]!);
  }
  const [input, ...extra] = parsed.positionals;
  if (input === undefined) throw new UsageError('missing notebook file (mirador notebook run IN.ipynb)');
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
  const timeout = parsed.values.timeout === undefined ? undefined : Number(parsed.values.timeout);
  if (timeout !== undefined && !(timeout > 0)) throw new UsageError(`--timeout wants seconds > 0, not ${parsed.values.timeout}`);
  return { input, output: parsed.values.output ?? input, timeoutMs: timeout === undefined ? undefined : timeout * 1000 };
}
