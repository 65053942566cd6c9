// Runs a notebook's code cells in order in one kernel, recording outputs, stopping at the first cell that fails.
import type { CellResult } from '../../api/notebook-outputs';
import type { CellExecutor } from './cell-executor';
import { recordCellResult } from './cell-outputs';
import { sourceText, type Notebook } from './ipynb-format';

export interface NotebookRunReport {
  ran: number;
  /** The failing cell (1-based among all cells) and its result, when one failed. */
  failure?: { cellNumber: number; result: CellResult };
}

export interface NotebookRunOptions {
  /** Per cell; past it the cell is interrupted and counts as failed. */
  timeoutMs?: number;
  progress?(line: string): void;
}

export async function runNotebook(notebook: Notebook, kernel: Pick<CellExecutor, 'execute' | 'interrupt'>, options: NotebookRunOptions = {}): Promise<NotebookRunReport> {
  const codeCells = notebook.cells.filter((cell) => cell.cell_type === 'code');
  let ran = 0;
  for (const [index, cell] of notebook.cells.entries()) {
    if (cell.cell_type !== 'code') continue;
    ran += 1;
    options.progress?.(`cell ${index + 1} (${ran}/${codeCells.length}) ...`);
    let timedOut = false;
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => ((timedOut = true), kernel.interrupt()), options.timeoutMs);
    const result = await kernel.execute(sourceText(cell.source)).finally(() => clearTimeout(timer));
    if (timedOut && result.error?.ename === 'Interrupted') result.error.evalue = `${result.error.evalue} (timed out after ${options.timeoutMs! / 1000} s)`;
    recordCellResult(cell, result);
    if (result.status !== 'ok') return { ran, failure: { cellNumber: index + 1, result } };
  }
  return { ran };
}
