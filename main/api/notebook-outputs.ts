// Jupyter output objects (nbformat 4.5) and the kernel's per-cell answer, shared by the notebook service, kernel and UI.

/** A multiline string as nbformat stores it: one string, or a list of lines each keeping its "\n". */
export type MultilineString = string | string[];

/** Mime type → data; text types are multiline strings, image/png is base64. */
export type MimeBundle = Record<string, MultilineString | unknown>;

export interface StreamOutput {
  output_type: 'stream';
  name: 'stdout' | 'stderr';
  text: MultilineString;
  [field: string]: unknown;
}

export interface ExecuteResultOutput {
  output_type: 'execute_result';
  execution_count: number | null;
  data: MimeBundle;
  metadata: Record<string, unknown>;
  [field: string]: unknown;
}

export interface DisplayDataOutput {
  output_type: 'display_data';
  data: MimeBundle;
  metadata: Record<string, unknown>;
  [field: string]: unknown;
}

export interface ErrorOutput {
  output_type: 'error';
  ename: string;
  evalue: string;
  traceback: string[];
  [field: string]: unknown;
}

export type JupyterOutput = StreamOutput | ExecuteResultOutput | DisplayDataOutput | ErrorOutput;

export type KernelStatus = 'starting' | 'idle' | 'busy' | 'dead';

/** Where in the cell an error is, 1-based line, 0-based columns (as the OCaml toplevel counts them). */
export interface CellErrorPosition {
  line: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface CellResult {
  executionCount: number;
  /** ok; error (a compile error or an exception); interrupted; died (the toplevel exited or crashed and was restarted). */
  status: 'ok' | 'error' | 'interrupted' | 'died';
  outputs: JupyterOutput[];
  error?: ErrorOutput & { position?: CellErrorPosition };
}
