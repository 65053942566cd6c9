// What a notebook magic is given (the project folder, the app, where outputs go, the interrupt signal) and how it fails.
import type { JupyterOutput } from '../api/notebook-outputs';

export interface MagicContext {
  /** The project folder the magic acts on (files are confined to it); null when no folder is open. */
  workspace: string | null;
  /** The installed application (holds out/main/cli.js, which `%run` starts as the debug adapter). */
  appRoot: string;
  emit(output: JupyterOutput): void;
  /** Aborted when the user interrupts the cell. */
  signal: AbortSignal;
}

/** One magic: its words after the name; a cell magic also gets the cell's body. */
export type Magic = (args: string[], context: MagicContext, body: string) => Promise<void>;

/** A failure to show as the cell's error: `ename` names the kind, the message says what happened and what to do. */
export class MagicFailure extends Error {
  constructor(
    readonly ename: string,
    message: string,
    readonly traceback: string[] = [],
  ) {
    super(message);
    this.name = 'MagicFailure';
  }
}

export function stdout(context: MagicContext, text: string): void {
  context.emit({ output_type: 'stream', name: 'stdout', text });
}

/** A result line (build done, guest stopped) shown apart from the streamed text; the metadata lets Mirador show it as one. */
export function summary(context: MagicContext, text: string): void {
  context.emit({ output_type: 'display_data', data: { 'text/plain': text }, metadata: { mirador: { summary: true } } });
}

export function requireWorkspace(context: MagicContext, magic: string): string {
  if (context.workspace === null) throw new MagicFailure('NoFolder', `${magic} works on the open folder; open a folder first (File › Open Folder).`);
  return context.workspace;
}
