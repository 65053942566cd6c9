// The display filter a detail-tree line stands for (Wireshark's Apply as Filter): `ip.src == 10.0.2.15`, `dns.qry.name == "a.test"`.

/**
 * `name == value`: numbers and addresses as they are, text (`quoted`) in double quotes with `\` and `"` escaped and
 * control characters written as display filter escapes (`\n`, `\x01`).
 */
export function fieldFilter(name: string, value: number | string, quoted = false): string {
  return `${name} == ${quoted ? `"${String(value).replace(/[\\"]/g, '\\$&').replace(/[\x00-\x1f\x7f]/g, controlEscape)}"` : value}`;
}

function controlEscape(char: string): string {
  const code = char.charCodeAt(0);
  return code === 10 ? '\\n' : code === 9 ? '\\t' : code === 13 ? '\\r' : `\\x${code.toString(16).padStart(2, '0')}`;
}
