// A best-effort reading of config.ml (and unikernel.ml for runtime arguments) when the mirage tool is not there to ask.
import type { UnikernelDescription, UnikernelDevice, UnikernelKey, UnikernelPackage } from '../../main/api/project-protocol';
import { ALWAYS_KEYS, DEVICE_KEYS } from './mirage-device-keys';
import { registeredName, withoutOcamlComments } from './mirage-image-name';

export const BEST_EFFORT_NOTICE =
  'A best-effort reading of config.ml by Mirador, not by MirageOS: the mirage tool is not installed here (opam install mirage), so devices and keys are what the text suggests. Install mirage for the exact list.';

const MAX_DETAIL = 90;

/** `"Unikernel.Hello" (time @-> job)`: the module `main`/`foreign` names and its signature. */
const MAIN = /"([A-Z][\w']*(?:\.[A-Z][\w']*)+)"\s*\(([^()]*)\)/;
/** `package ~min:"4.5.0" ~max:"5.0.0" ~sublibs:[...] "name"`. */
const PACKAGE = /\bpackage((?:\s+~\w+(?::(?:"[^"]*"|\[[^\]]*\]|\w+))?)*)\s+"([^"]+)"/g;
/** `register ~packages:[...] "hello" [ main $ default_time ]`. */
const REGISTER = /\bregister\b(?:\s+~\w+(?::(?:\[[^\]]*\]|"[^"]*"|\w+))?)*\s+"[^"]+"\s*\[([\s\S]*?)\]/;
/** `Arg.info ~doc:"..." ["l"; "logs"]` in config.ml (Key API) or unikernel.ml (cmdliner, MirageOS 4.5+). */
const ARG_INFO = /Arg\.info\b((?:[^[\]"]|"(?:[^"\\]|\\.)*")*)\[((?:\s*"[^"]*"\s*;?)+)\]/g;
/** What follows an Arg.info: `opt string "Hello"`, `opt (some int) None`, `opt bool true`, `flag`. */
const ARG_KIND = /\b(opt|required|flag|opt_all)\b(?:\s+~stage:`\w+)?(?:\s+(\((?:[^()]|\([^()]*\))*\)|[\w.]+)\s+("(?:[^"\\]|\\.)*"|\[[^\]]*\]|[\w.']+))?/;

function compact(text: string): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length > MAX_DETAIL ? `${single.slice(0, MAX_DETAIL - 1)}…` : single;
}

/** Top-level `let NAME = RHS` bindings (RHS up to the next top-level phrase), comments already removed. */
export function topLevelBindings(source: string): Map<string, string> {
  const bindings = new Map<string, string>();
  const phrases = [...source.matchAll(/^(?:let|open|module|type|include)\b/gm)].map((match) => match.index!);
  phrases.forEach((start, index) => {
    const end = phrases[index + 1] ?? source.length;
    const binding = /^let\s+(\w+)\s*=([\s\S]*)$/.exec(source.slice(start, end));
    if (binding) bindings.set(binding[1]!, binding[2]!.trim());
  });
  return bindings;
}

export function readPackages(source: string): UnikernelPackage[] {
  const packages = new Map<string, UnikernelPackage>();
  for (const match of source.matchAll(PACKAGE)) {
    const labels = match[1] ?? '';
    const min = /~min:"([^"]+)"/.exec(labels)?.[1];
    const max = /~max:"([^"]+)"/.exec(labels)?.[1];
    const constraint = [min && `>= "${min}"`, max && `< "${max}"`].filter(Boolean).join(' & ');
    packages.set(match[2]!, { name: match[2]!, ...(constraint ? { constraint } : {}) });
  }
  return [...packages.values()];
}

/** The devices `register` hands to `main`, paired with the module types of `main`'s signature. */
export function readDevices(source: string, bindings: Map<string, string>, signature: string[]): UnikernelDevice[] {
  const jobs = REGISTER.exec(source)?.[1];
  if (jobs === undefined) return [];
  const first = jobs.split(';')[0] ?? '';
  const [, ...args] = first.split('$').map((part) => part.trim());
  return args.filter(Boolean).map((arg, index) => {
    const bare = arg.replace(/^\((.*)\)$/s, '$1').trim();
    const bound = /^\w+$/.test(bare) ? bindings.get(bare) : undefined;
    const type = signature[index];
    return { name: bare.split(/\s+/)[0]!, detail: compact(bound ?? bare), ...(type ? { type } : {}) };
  });
}

function unquote(text: string): string {
  return text.startsWith('"') ? text.slice(1, -1).replace(/\\(.)/g, '$1') : text;
}

/** Keys declared with Arg.info in a file: the longest name is the `--long` one; the type and default follow. */
export function readDeclaredKeys(source: string, origin: string, defaultStage: UnikernelKey['stage']): UnikernelKey[] {
  const keys: UnikernelKey[] = [];
  for (const match of source.matchAll(ARG_INFO)) {
    const names = [...match[2]!.matchAll(/"([^"]+)"/g)].map((name) => name[1]!);
    const name = names.sort((a, b) => b.length - a.length)[0];
    if (name === undefined) continue;
    const doc = /~doc:\s*"((?:[^"\\]|\\.)*)"/.exec(match[1]!)?.[1];
    const after = source.slice(match.index! + match[0].length, match.index! + match[0].length + 400);
    const kind = ARG_KIND.exec(after);
    const declaration = after.slice(0, kind ? kind.index + kind[0].length : 200);
    const stage = /~stage:`Configure/.test(declaration) || /~stage:`Configure/.test(match[1]!) ? 'configure' : defaultStage;
    // `Arg.(value & flag (Arg.info ...))` puts the flag before the info.
    const flagBefore = /\bflag\s*\(\s*$/.test(source.slice(Math.max(0, match.index! - 40), match.index!));
    const key: UnikernelKey = { name, stage, kind: flagBefore || kind?.[1] === 'flag' ? 'flag' : 'value', origin };
    if (doc) key.doc = doc.replace(/\\(.)/g, '$1').replace(/\s+/g, ' ');
    if (flagBefore) {
      keys.push(key);
      continue;
    }
    if (kind?.[2]) key.valueType = kind[2].replace(/^Arg\./, '').replace(/^\((.*)\)$/, '$1');
    if (kind?.[3] && kind[3] !== 'None' && kind[3] !== 'doc') key.defaultValue = unquote(kind[3]).replace(/^Some\s+/, '');
    keys.push(key);
  }
  return keys;
}

/** Keys from the devices config.ml uses, then keys it or unikernel.ml declares, each name once. */
export function readKeys(configMl: string, unikernelMl: string | undefined): UnikernelKey[] {
  const keys = new Map<string, UnikernelKey>();
  const add = (key: UnikernelKey) => keys.has(key.name) || keys.set(key.name, key);
  for (const device of DEVICE_KEYS) if (device.combinators.test(configMl)) device.keys.forEach(add);
  readDeclaredKeys(configMl, 'config.ml', 'runtime').forEach(add);
  if (unikernelMl !== undefined) readDeclaredKeys(withoutOcamlComments(unikernelMl), 'unikernel.ml', 'runtime').forEach(add);
  ALWAYS_KEYS.forEach(add);
  return [...keys.values()];
}

export function readConfigMl(configMl: string, unikernelMl?: string): UnikernelDescription {
  const source = withoutOcamlComments(configMl);
  const problems: string[] = [];
  const main = MAIN.exec(source);
  if (!main) problems.push('No `main "Module.Name" (... @-> job)` found in config.ml, so the devices cannot be matched to a signature.');
  const signature = main ? main[2]!.split('@->').map((part) => part.trim()).slice(0, -1) : [];
  const name = registeredName(configMl);
  if (name === undefined) problems.push('No `register "name" [...]` found in config.ml: MirageOS needs one to build an image.');
  return {
    source: 'config.ml',
    notice: BEST_EFFORT_NOTICE,
    ...(name === undefined ? {} : { name }),
    ...(main ? { main: main[1]! } : {}),
    devices: readDevices(source, topLevelBindings(source), signature),
    packages: readPackages(source),
    keys: readKeys(source, unikernelMl),
    problems,
  };
}
