// What runs a notebook's cells: the OCaml kernel itself, or the kernel with magics in front of it; runners and sessions take either.
import type { CellResult, JupyterOutput, KernelStatus } from '../../api/notebook-outputs';
import type { NotebookCompletionItem } from '../../api/notebook-protocol';

export interface CellExecutor {
  readonly status: KernelStatus;
  /** Runs `code` after the cells already queued; `onOutput` sees each output as the cell makes it. */
  execute(code: string, onOutput?: (output: JupyterOutput) => void): Promise<CellResult>;
  /** Stops the running cell; queued ones still run. */
  interrupt(): void;
  restart(): Promise<void>;
  /** Null while a cell is queued or running. */
  complete(prefix: string): Promise<NotebookCompletionItem[] | null>;
  shutdown(): Promise<void>;
}
