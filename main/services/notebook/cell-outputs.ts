// Puts a kernel's answer into a code cell the way Jupyter stores it (text as lists of lines, the execution count).
import type { CellResult, JupyterOutput } from '../../api/notebook-outputs';
import { toLines, type NotebookCell } from './ipynb-format';

export function recordCellResult(cell: NotebookCell, result: CellResult): void {
  cell.execution_count = result.executionCount;
  cell.outputs = result.outputs.map(storedOutput);
}

function storedOutput(output: JupyterOutput): JupyterOutput {
  if (output.output_type === 'stream') return { ...output, text: toLines(output.text as string) };
  if (output.output_type === 'error') return output;
  const data = Object.fromEntries(Object.entries(output.data).map(([mime, value]) => [mime, typeof value === 'string' && !mime.startsWith('image/png') ? toLines(value) : value]));
  return { ...output, data };
}
