// Turns the Unikernel view's key values into a run configuration's `args`, and reads them back, keeping other arguments.
import type { LaunchArguments, UnikernelDescription, UnikernelKey } from '../../../main/api';

/** Key name → value as typed; '' means "not set" (the unikernel's default applies). Flags use 'true' or ''. */
export type KeyValues = Record<string, string>;

function argumentName(arg: string): string | undefined {
  return /^--([\w-]+)(?:=|$)/.exec(arg)?.[1];
}

/** Values of `keys` found in `args`: `--ipv4=10.0.0.2/24`, `--ipv4 10.0.0.2/24`, or a bare `--flag`. */
export function valuesFromArguments(keys: UnikernelKey[], args: readonly string[] = []): KeyValues {
  const values: KeyValues = {};
  const known = new Map(keys.map((key) => [key.name, key]));
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const name = argumentName(arg);
    const key = name === undefined ? undefined : known.get(name);
    if (!key) continue;
    if (arg.includes('=')) values[key.name] = arg.slice(arg.indexOf('=') + 1);
    else if (key.kind === 'flag') values[key.name] = 'true';
    else if (index + 1 < args.length && !args[index + 1]!.startsWith('--')) values[key.name] = args[++index]!;
  }
  return values;
}

/**
 * The new `args`: the arguments that are not about these keys stay as they were, in order; then one `--key=value`
 * per key set in the form, in the keys' order. A cleared key is removed, so the unikernel's default applies again.
 */
export function argumentsWithKeys(keys: UnikernelKey[], values: KeyValues, previous: readonly string[] = []): string[] {
  const managed = new Set(keys.map((key) => key.name));
  const kept: string[] = [];
  for (let index = 0; index < previous.length; index++) {
    const arg = previous[index]!;
    const name = argumentName(arg);
    if (name === undefined || !managed.has(name)) {
      kept.push(arg);
      continue;
    }
    const key = keys.find((candidate) => candidate.name === name)!;
    // The separate-value form `--ipv4 10.0.0.2/24` owns the next argument too.
    if (!arg.includes('=') && key.kind !== 'flag' && index + 1 < previous.length && !previous[index + 1]!.startsWith('--')) index++;
  }
  const added = keys.flatMap((key) => {
    const value = (values[key.name] ?? '').trim();
    if (value === '') return [];
    if (key.kind === 'flag') return value === 'true' ? [`--${key.name}`] : [];
    return [`--${key.name}=${value}`];
  });
  return [...kept, ...added];
}

/** Why a value will not parse, for the few value types MirageOS checks strictly; null when it looks right. */
export function keyValueProblem(key: UnikernelKey, value: string): string | null {
  const text = value.trim();
  if (text === '') return null;
  const octets = (address: string) => address.split('.').length === 4 && address.split('.').every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
  switch (key.valueType) {
    case 'ipv4 prefix': {
      const [address = '', prefix, extra] = text.split('/');
      return octets(address) && prefix !== undefined && /^\d{1,2}$/.test(prefix) && Number(prefix) <= 32 && extra === undefined ? null : 'An IPv4 address with a prefix length, e.g. 10.0.0.2/24.';
    }
    case 'ipv4 address':
      return octets(text) ? null : 'An IPv4 address, e.g. 10.0.0.1.';
    case 'bool':
      return text === 'true' || text === 'false' ? null : 'true or false.';
    case 'int':
      return /^-?\d+$/.test(text) ? null : 'A whole number.';
    default:
      return null;
  }
}

/** The keys the form edits: runtime ones, which travel in a run configuration's `args`. */
export function runtimeKeys(description: UnikernelDescription): UnikernelKey[] {
  return description.keys.filter((key) => key.stage === 'runtime');
}

/** The configuration's args, for a select that lists configurations by name. */
export function argsOf(configuration: LaunchArguments | undefined): readonly string[] {
  return configuration?.args ?? [];
}
