// Reads what the mirage tool prints: `mirage query packages`, the Keys of `mirage describe`, the graph of `describe --dot`.
import type { UnikernelDevice, UnikernelKey, UnikernelPackage } from '../../main/api/project-protocol';

/** `"mirage-runtime" { >= "4.0" & < "4.1.0" }` or `"lwt"`, one per line (functoria's Package.pp). */
export function parseQueryPackages(output: string): UnikernelPackage[] {
  const packages: UnikernelPackage[] = [];
  for (const line of output.split('\n')) {
    const match = /^\s*"([^"]+)"\s*(?:\{\s*(.*?)\s*\})?\s*$/.exec(line);
    if (match) packages.push({ name: match[1]!, ...(match[2] ? { constraint: match[2] } : {}) });
  }
  return packages;
}

/**
 * The `Keys` field of `mirage describe` (functoria's Info.pp): `Keys       target=hvt (default),` then continuation lines
 * indented under the values, entries separated by commas. These are the configure-time keys with their values.
 */
export function parseDescribeKeys(output: string): UnikernelKey[] {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => /^Keys\s/.test(line));
  if (start === -1) return [];
  const field = [lines[start]!.replace(/^Keys\s+/, '')];
  for (const line of lines.slice(start + 1)) {
    if (!/^\s{2,}\S/.test(line)) break;
    field.push(line.trim());
  }
  return field
    .join(' ')
    .split(/,\s*/)
    .map((entry) => /^([\w-]+)=(.*?)(\s+\(default\))?$/.exec(entry.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({
      name: match[1]!,
      stage: 'configure' as const,
      kind: 'value' as const,
      defaultValue: match[2]!,
      origin: 'mirage describe',
      doc: match[3] ? 'The default value.' : 'Set for this configuration.',
    }));
}

/** `Name       hello` of `mirage describe`, or the one line of `mirage query name`. */
export function parseName(output: string): string | undefined {
  const field = /^Name\s+(\S+)/m.exec(output)?.[1];
  if (field) return field;
  const line = output.trim();
  return /^[\w.-]+$/.test(line) ? line : undefined;
}

/** OCaml's %S escapes as functoria writes them in dot labels. */
function unescapeOcamlString(text: string): string {
  return text.replace(/\\(n|t|"|\\|\d{3})/g, (_all, escape: string) =>
    escape === 'n' ? '\n' : escape === 't' ? '\t' : /^\d{3}$/.test(escape) ? String.fromCharCode(Number(escape)) : escape);
}

/**
 * Devices of `mirage describe --dot` (functoria's Impl.Dot): boxes are devices, labelled `name__ID\nModule\nkeys`;
 * diamonds ($) and If-circles are not devices. The job itself (the `main` box) is left out: it is the unikernel.
 */
export function parseDotDevices(dot: string, mainModule?: string): UnikernelDevice[] {
  const devices: UnikernelDevice[] = [];
  for (const match of dot.matchAll(/^\s*\d+\s*\[label="((?:[^"\\]|\\.)*)",\s*shape="box"\];/gm)) {
    const [variable = '', module = '', keys = ''] = unescapeOcamlString(match[1]!).split('\n');
    if (mainModule !== undefined && module === mainModule) continue;
    const name = variable.replace(/__\d+$/, '');
    devices.push({ name, detail: keys.trim() ? `${module} (${keys.trim()})` : module });
  }
  return devices;
}
