// The shapes of gdb/MI output (GDB manual, "GDB/MI Output Syntax"): values, and the records one line of output holds.

/** A c-string, a list, or a tuple. Lists of results (`[frame={...},frame={...}]`) keep only their values. */
export type MiValue = string | MiValue[] | MiTuple;

/** `{name=value,...}`; a null-prototype object, so a key named `__proto__` is just a key. */
export interface MiTuple {
  [name: string]: MiValue;
}

/** `^done`, `^running`, `^connected`, `^error`, `^exit`: the answer to the command carrying the same token. */
export interface MiResultRecord {
  type: 'result';
  token?: number;
  resultClass: string;
  results: MiTuple;
}

/** `*` exec (running, stopped), `+` status (progress), `=` notify (breakpoint-modified, thread-created...). */
export interface MiAsyncRecord {
  type: 'exec' | 'status' | 'notify';
  token?: number;
  asyncClass: string;
  results: MiTuple;
}

/** `~` console (what the CLI would print), `@` target (the program's output), `&` log (gdb's own messages). */
export interface MiStreamRecord {
  type: 'console' | 'target' | 'log';
  text: string;
}

/** `(gdb)`: gdb finished one batch of output. */
export interface MiPromptRecord {
  type: 'prompt';
}

/** A line that is not MI (a program writing to gdb's terminal) or is malformed; kept, never thrown. */
export interface MiUnrecognizedRecord {
  type: 'unrecognized';
  line: string;
  problem: string;
}

export type MiRecord = MiResultRecord | MiAsyncRecord | MiStreamRecord | MiPromptRecord | MiUnrecognizedRecord;

export function emptyTuple(): MiTuple {
  return Object.create(null) as MiTuple;
}
