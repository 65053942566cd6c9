// Checks terminal request parameters at runtime: they arrive as JSON from a renderer we do not trust blindly.
import { MiradorErrorCode } from '../../api/errors';
import { MiradorError } from '../mirador-error';

export const MAX_TERMINAL_DIMENSION = 1000;

function invalid(message: string): MiradorError {
  return new MiradorError(MiradorErrorCode.invalidParams, message);
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

export function requireTerminalSize(params: { cols: unknown; rows: unknown }): { cols: number; rows: number } {
  const { cols, rows } = params;
  if (!isIntegerIn(cols, 1, MAX_TERMINAL_DIMENSION) || !isIntegerIn(rows, 1, MAX_TERMINAL_DIMENSION)) {
    throw invalid(
      `Terminal size must be whole numbers from 1 to ${MAX_TERMINAL_DIMENSION}; got cols=${String(cols)}, rows=${String(rows)}.`,
    );
  }
  return { cols, rows };
}

export function requireTerminalId(id: unknown): number {
  if (!isIntegerIn(id, 1, Number.MAX_SAFE_INTEGER)) {
    throw invalid(`A terminal id is a positive whole number, as returned by terminal/create; got ${String(id)}.`);
  }
  return id;
}

export function requireAckChars(chars: unknown): number {
  if (!isIntegerIn(chars, 0, Number.MAX_SAFE_INTEGER)) {
    throw invalid(`terminal/ack counts characters written, a whole number >= 0; got ${String(chars)}.`);
  }
  return chars;
}

export function requireInputData(data: unknown): string {
  if (typeof data !== 'string') throw invalid(`terminal/input data must be a string; got ${typeof data}.`);
  return data;
}
