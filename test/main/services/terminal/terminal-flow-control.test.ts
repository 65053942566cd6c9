// `yes` cannot flood the renderer: without acks the pty stops past the high watermark, and acks let it run again.
import { afterEach, describe, expect, it } from 'vitest';
import { TERMINAL_HIGH_WATERMARK } from '../../../../main/api/terminal-protocol';
import { DEFAULT_BATCH_LIMITS } from '../../../../main/services/terminal/output-batcher';
import { startTerminalHarness, type TerminalHarness } from './terminal-test-harness';

let harness: TerminalHarness | undefined;
afterEach(async () => {
  await harness?.service.dispose();
  harness = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('TerminalService flow control', () => {
  it('pauses an unacknowledged flood and resumes on acks', async () => {
    harness = startTerminalHarness();
    const { service, output, waitFor } = harness;
    const { id } = service.create({ cols: 80, rows: 24 });
    service.input({ id, data: 'yes\r' });

    await waitFor(() => service.unacknowledged(id) > TERMINAL_HIGH_WATERMARK, 'the flood to pass the high watermark');
    await sleep(150);
    const stalled = output(id).length;
    await sleep(150);
    expect(output(id).length).toBe(stalled);
    // Bounded by one pty read beyond the watermark, however fast `yes` is.
    expect(service.unacknowledged(id)).toBeLessThan(TERMINAL_HIGH_WATERMARK + DEFAULT_BATCH_LIMITS.maxChars);
    expect(service.unacknowledged(id)).toBe(stalled);

    service.ack({ id, chars: stalled });
    await waitFor(() => output(id).length > stalled + TERMINAL_HIGH_WATERMARK, 'output to flow again after the ack');
    service.input({ id, data: '\x03' });
  });
});
