// A display filter that does not compile: the message and the 1-based column of the mistake, for the filter box to point at.
import { MiradorError } from '../mirador-error';

export class PacketFilterError extends MiradorError {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super('invalid-params', message);
    this.name = 'PacketFilterError';
  }
}
