// The one error type services throw for failures a user can act on; the backend turns it into a JSON-RPC error.
import type { MiradorErrorCode } from '../api/errors';

export class MiradorError extends Error {
  constructor(
    readonly code: MiradorErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MiradorError';
  }
}
