// DAP's wire format: `Content-Length: N\r\n\r\n` then N bytes of JSON. Splits a byte stream into messages and back.
import type { DapMessage } from '../../api/debug-protocol';

const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export class DapFrameError extends Error {}

export class DapFrameReader {
  private buffer: Buffer = Buffer.alloc(0);

  /** Appends bytes and returns every complete message they finish. Throws DapFrameError on a malformed stream. */
  push(chunk: Buffer): DapMessage[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const messages: DapMessage[] = [];
    for (;;) {
      const headerEnd = this.buffer.indexOf(HEADER_END);
      if (headerEnd < 0) {
        if (this.buffer.length > 8192) throw new DapFrameError('no DAP header end within 8 KiB');
        return messages;
      }
      const length = contentLength(this.buffer.subarray(0, headerEnd).toString('ascii'));
      const bodyStart = headerEnd + HEADER_END.length;
      if (this.buffer.length < bodyStart + length) return messages;
      const body = this.buffer.subarray(bodyStart, bodyStart + length).toString('utf8');
      this.buffer = this.buffer.subarray(bodyStart + length);
      let message: DapMessage;
      try {
        message = JSON.parse(body) as DapMessage;
      } catch (error) {
        throw new DapFrameError(`a DAP message is not JSON: ${(error as Error).message}`);
      }
      messages.push(message);
    }
  }
}

function contentLength(header: string): number {
  for (const line of header.split('\r\n')) {
    const match = /^Content-Length:\s*(\d+)\s*$/i.exec(line);
    if (match) {
      const length = Number(match[1]);
      if (length > MAX_MESSAGE_BYTES) throw new DapFrameError(`a DAP message of ${length} bytes is over the 64 MiB limit`);
      return length;
    }
  }
  throw new DapFrameError(`DAP header without Content-Length: ${JSON.stringify(header.slice(0, 200))}`);
}

export function encodeDapMessage(message: DapMessage): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}
