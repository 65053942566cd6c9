// One `mirador dissect` line laid out like tshark's default: No., Time, Source → Destination, Protocol, Length, Info.

export function summaryLine(number: number, time: string, source: string, destination: string, protocol: string, length: number, info: string): string {
  return `${String(number).padStart(5)} ${time.padStart(10)} ${source.padStart(12)} → ${destination.padEnd(12)} ${protocol} ${length} ${info}`;
}
