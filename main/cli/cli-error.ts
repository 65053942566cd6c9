// Errors the `mirador` command reports as one line on stderr, with the exit status they deserve.

/** Something the user can fix; `exitCode` 2 means the command line itself was wrong (and usage is shown). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}
