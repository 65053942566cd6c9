// The display filter a detail-tree line stands for (Wireshark's Apply as Filter): `ip.src == 10.0.2.15`, `dns.qry.name == "a.test"`.

/** `name == value`: numbers and addresses as they are, text (`quoted`) in double quotes with `\` and `"` escaped. */
export function fieldFilter(name: string, value: number | string, quoted = false): string {
  return `${name} == ${quoted ? `"${String(value).replace(/[\\"]/g, '\\$&')}"` : value}`;
}
