// What every `mirador` subcommand implements, and what it is given: the app's location, version, environment and output.

export interface CliContext {
  /** The installed application (holds package.json, out/ and extensions/). */
  appRoot: string;
  version: string;
  env: NodeJS.ProcessEnv;
  /** stdout is for results other tools read (e.g. the URL line of `mirador web`); write nothing else there. */
  stdout(line: string): void;
  /**
   * Raw bytes for stdout, for commands that print a lot; absent, stdout() is used. Returns true when the bytes are
   * already out so the caller may fill the buffer again; false when they were queued (kept). May throw
   * StdoutClosedError: the reader went away.
   */
  stdoutBytes?(bytes: Buffer): boolean;
  /** Everything for people: progress, warnings, errors. */
  stderr(line: string): void;
}

export interface CliCommand {
  /** Resolves to the exit status once the command is done (for servers: once they were asked to stop). */
  run(args: string[], context: CliContext): Promise<number>;
}
