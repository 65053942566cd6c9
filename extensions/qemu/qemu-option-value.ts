// Escapes a value inside a QEMU `key=value,...` option string, where a comma would start the next option.

/** QEMU reads `,,` as one literal comma inside a value (so a path like `a,b.pcap` survives). */
export function qemuOptionValue(value: string): string {
  return value.replaceAll(',', ',,');
}
