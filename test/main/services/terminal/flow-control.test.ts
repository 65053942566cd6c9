// Flow control pauses past the high watermark and resumes only below the low one.
import { describe, expect, it } from 'vitest';
import { FlowControl } from '../../../../main/services/terminal/flow-control';

function valveLog() {
  const calls: string[] = [];
  return { calls, valve: { pause: () => calls.push('pause'), resume: () => calls.push('resume') } };
}

describe('FlowControl', () => {
  it('pauses once past the high watermark and resumes once below the low one', () => {
    const { calls, valve } = valveLog();
    const flow = new FlowControl(valve, { high: 100, low: 10 });
    flow.produced(100);
    expect(calls).toEqual([]);
    flow.produced(1);
    flow.produced(50);
    expect(calls).toEqual(['pause']);
    expect(flow.isPaused).toBe(true);
    flow.acknowledged(100);
    expect(calls).toEqual(['pause']); // 51 left: still above low
    flow.acknowledged(42);
    expect(calls).toEqual(['pause', 'resume']);
    expect(flow.unacknowledged).toBe(9);
    expect(flow.isPaused).toBe(false);
  });

  it('never lets over-acknowledgement build credit', () => {
    const { calls, valve } = valveLog();
    const flow = new FlowControl(valve, { high: 100, low: 10 });
    flow.acknowledged(1_000);
    expect(flow.unacknowledged).toBe(0);
    flow.produced(101);
    expect(calls).toEqual(['pause']);
  });

  it('uses the contract watermarks by default', () => {
    const { calls, valve } = valveLog();
    const flow = new FlowControl(valve);
    flow.produced(100_000);
    expect(calls).toEqual([]);
    flow.produced(1);
    expect(calls).toEqual(['pause']);
  });
});
