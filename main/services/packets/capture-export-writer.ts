// Writes chosen frames of a held capture to a pcapng or pcap file, in batches, through a temporary file renamed at the end.
import { open, rename, rm } from 'node:fs/promises';
import type { CaptureFrame } from '../capture/capture-frame';
import { pcapFileHeader, pcapRecord } from '../capture/pcap-writer';
import { pcapngEnhancedPacket, pcapngInterfaceDescription, pcapngSectionHeader } from '../capture/pcapng-writer';

export type ExportFormat = 'pcapng' | 'pcap';

export interface ExportedCapture {
  frames: number;
  bytes: number;
}

const BATCH_BYTES = 1024 * 1024;

/** `frameAt(k)` for k in 0..count-1 gives the frames in order; the file appears whole or not at all. */
export async function writeCaptureFile(file: string, format: ExportFormat, count: number, frameAt: (position: number) => CaptureFrame): Promise<ExportedCapture> {
  const linkTypes: number[] = [];
  for (let position = 0; position < count; position++) {
    const linkType = frameAt(position).linkType;
    if (!linkTypes.includes(linkType)) linkTypes.push(linkType);
  }
  if (format === 'pcap' && linkTypes.length > 1) {
    throw new Error(`these frames have ${linkTypes.length} link types (${linkTypes.join(', ')}), which one pcap file cannot hold: export as pcapng instead`);
  }
  const temporary = `${file}.${process.pid}.part`;
  const handle = await open(temporary, 'w');
  let bytes = 0;
  try {
    let batch: Buffer[] = [];
    let batchBytes = 0;
    const add = async (part: Buffer) => {
      batch.push(part);
      batchBytes += part.length;
      if (batchBytes >= BATCH_BYTES) await flush();
    };
    const flush = async () => {
      if (batch.length === 0) return;
      const joined = Buffer.concat(batch, batchBytes);
      await handle.write(joined);
      bytes += joined.length;
      batch = [];
      batchBytes = 0;
    };
    if (format === 'pcap') {
      await add(pcapFileHeader(linkTypes[0] ?? 1));
      for (let position = 0; position < count; position++) await add(pcapRecord(frameAt(position)));
    } else {
      await add(pcapngSectionHeader('Exported by Mirador'));
      for (const linkType of linkTypes) await add(pcapngInterfaceDescription({ linkType }));
      for (let position = 0; position < count; position++) {
        const frame = frameAt(position);
        await add(pcapngEnhancedPacket({ ...frame, interfaceId: linkTypes.indexOf(frame.linkType) }));
      }
    }
    await flush();
    await handle.close();
    await rename(temporary, file);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
  return { frames: count, bytes };
}
