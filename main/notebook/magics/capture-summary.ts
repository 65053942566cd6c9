// One line about the packets a `%run` captured: how many, and how many of each protocol, as tshark's hierarchy would count them.
import { readCaptureFile } from '../../services/capture/capture-file-reader';
import { DissectionSession } from '../../services/dissect/dissection-session';
import { dissectFrame } from '../../services/dissect/frame-dissector';

export function summarizeCapture(file: string): string {
  const session = DissectionSession.wiresharkDefaults();
  const counts = new Map<string, number>();
  let number = 0;
  const result = readCaptureFile(file, (frame) => {
    number++;
    const protocol = dissectFrame(session, frame, number).protocol || 'unknown';
    counts.set(protocol, (counts.get(protocol) ?? 0) + 1);
  }, { reuseBuffers: true });
  if (result.error && result.frameCount === 0) return `No packets captured (${result.error.message}).`;
  if (number === 0) return 'No packets captured: the guest sent nothing on its network.';
  const byProtocol = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([protocol, count]) => `${count} ${protocol}`);
  return `Captured ${number} packet${number === 1 ? '' : 's'}: ${byProtocol.join(', ')}${result.error ? ` (the capture is damaged after frame ${result.frameCount})` : ''}.`;
}
