// Writes command output to stdout before returning, waiting while a pipe is full: `mirador dissect huge.pcap | less`
// then holds one output buffer, not the whole output queued in memory, and reads the capture only as fast as less reads.
import { writeSync } from 'node:fs';
import { CliError } from './cli-error';

const STDOUT = 1;
/** Something to sleep on between tries: Atomics.wait pauses this thread without spinning. */
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** The reader of our stdout went away (`| head`): nobody wants the rest, so the command can stop quietly. */
export class StdoutClosedError extends Error {
  constructor() {
    super('stdout was closed by its reader');
  }
}

export function writeStdoutBlocking(bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(STDOUT, bytes, offset, bytes.length - offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A non-blocking pipe that is full (Node makes stdout's pipe non-blocking once process.stdout is used).
      if (code === 'EAGAIN') {
        Atomics.wait(sleeper, 0, 0, 1);
        continue;
      }
      if (code === 'EPIPE') throw new StdoutClosedError();
      // A full disk, a closed descriptor...: said as the output's failure, not the input's, and without a stack.
      throw new CliError(`cannot write the output: ${(error as Error).message}`);
    }
  }
}
