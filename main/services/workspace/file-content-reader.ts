// Loads a file for the editor: UTF-8 text as is; binary, huge or non-UTF-8 files as a read-only preview with a notice.
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { MiradorErrorCode } from '../../api/errors';
import type { FileContent, WorkspacePath } from '../../api/workspace-protocol';
import { MiradorError } from '../mirador-error';
import { looksBinary } from './binary-sniff';
import { displayPath } from './fs-errors';
import { hexDump } from './hex-dump';
import { utf8Prefix } from './utf8-prefix';

const HEX_PREVIEW_BYTES = 64 * 1024;
const HUGE_PREVIEW_BYTES = 2 * 1024 * 1024;
/** A UTF-8 character is at most 4 bytes: reading 3 more lets the cut land after a character straddling the limit. */
const UTF8_SLACK = 3;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export async function readFileContent(abs: string, rel: WorkspacePath, hugeFileBytes: number): Promise<Omit<FileContent, 'path'>> {
  // Checked before open(): opening a named pipe would block until some writer shows up.
  const kind = await fs.stat(abs);
  if (kind.isDirectory()) {
    throw new MiradorError(MiradorErrorCode.isADirectory, `Cannot open ${displayPath(rel)} in the editor: it is a folder. Expand it in the explorer instead.`);
  }
  if (!kind.isFile()) {
    throw new MiradorError(MiradorErrorCode.invalidParams, `Cannot open ${displayPath(rel)}: it is not a regular file (a device, socket or pipe).`);
  }
  const handle = await fs.open(abs, 'r');
  try {
    const stat = await handle.stat();
    const base = { size: stat.size, mtimeMs: stat.mtimeMs };
    const head = await readPrefix(handle, HEX_PREVIEW_BYTES);
    if (looksBinary(head)) {
      const partial = stat.size > head.length ? ` of its first ${formatSize(head.length)}` : '';
      return {
        ...base,
        text: hexDump(head),
        readOnly: true,
        notice: `This file looks binary (${formatSize(stat.size)}), so it is shown read-only as a hex dump${partial}. Use an external tool to edit it.`,
      };
    }
    if (stat.size > hugeFileBytes) {
      const start = utf8Prefix(await readPrefix(handle, HUGE_PREVIEW_BYTES + UTF8_SLACK), HUGE_PREVIEW_BYTES);
      return {
        ...base,
        text: Buffer.from(start.buffer, start.byteOffset, start.byteLength).toString('utf8'),
        readOnly: true,
        notice: `This file is ${formatSize(stat.size)}, too large to edit here: it is read-only and only the first ${formatSize(HUGE_PREVIEW_BYTES)} are shown. Use an external tool to see the rest.`,
      };
    }
    const bytes = await handle.readFile();
    try {
      return { ...base, size: bytes.length, text: strictUtf8.decode(bytes), readOnly: false };
    } catch {
      return {
        ...base,
        size: bytes.length,
        text: bytes.toString('utf8'),
        readOnly: true,
        notice: 'This file is not valid UTF-8 text, so it is shown read-only: saving it would replace the undecodable bytes. Convert it to UTF-8 to edit it here.',
      };
    }
  } finally {
    await handle.close();
  }
}

async function readPrefix(handle: FileHandle, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}
