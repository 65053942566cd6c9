// Checks on request parameters arriving from a renderer: wrong shapes become a clear invalid-params error.
import { MiradorError } from '../services/mirador-error';

type Params = Record<string, unknown>;

export function asObject(params: unknown, method: string): Params {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new MiradorError('invalid-params', `${method} expects an object of parameters.`);
  }
  return params as Params;
}

export function stringParam(params: unknown, name: string, method: string): string {
  const value = asObject(params, method)[name];
  if (typeof value !== 'string') throw new MiradorError('invalid-params', `${method}: "${name}" must be a string.`);
  return value;
}

export function integerParam(params: unknown, name: string, method: string): number {
  const value = asObject(params, method)[name];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new MiradorError('invalid-params', `${method}: "${name}" must be a whole number.`);
  }
  return value;
}

export function optionalNumberParam(params: unknown, name: string, method: string): number | undefined {
  const value = asObject(params, method)[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new MiradorError('invalid-params', `${method}: "${name}" must be a number.`);
  }
  return value;
}

export function optionalBooleanParam(params: unknown, name: string, method: string): boolean | undefined {
  const value = asObject(params, method)[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new MiradorError('invalid-params', `${method}: "${name}" must be true or false.`);
  return value;
}
