// The Conversations list: sizes written as Wireshark writes them, the biggest conversation first, IPv6 in brackets.
import { describe, expect, it } from 'vitest';
import type { ConversationStatistics } from '../../../main/api';
import { byteSize, conversationItems } from '../../../renderer/src/packets/conversations-picker';

const conversation = (overrides: Partial<ConversationStatistics>): ConversationStatistics => ({
  protocol: 'tcp', addressA: '10.0.2.15', portA: 40000, addressB: '10.0.2.2', portB: 80,
  framesAToB: 1, bytesAToB: 60, framesBToA: 0, bytesBToA: 0, start: 0, duration: 0, filter: 'tcp.stream == 0', ...overrides,
});

describe('conversationItems', () => {
  it('writes sizes in B, kB and MB', () => {
    expect([0, 999, 1000, 3300, 12_345, 2_500_000].map(byteSize)).toEqual(['0 B', '999 B', '1.0 kB', '3.3 kB', '12 kB', '2.5 MB']);
  });

  it('puts the most bytes first, and the filter as the value', () => {
    const items = conversationItems([
      conversation({ filter: 'small', bytesAToB: 100 }),
      conversation({ protocol: 'udp', addressA: 'fe80::1', portA: 546, addressB: 'ff02::1:2', portB: 547, framesBToA: 3, bytesBToA: 4000, filter: 'big' }),
    ]);
    expect(items.map((item) => item.value)).toEqual(['big', 'small']);
    expect(items[0]).toMatchObject({ label: 'UDP [fe80::1]:546 ↔ [ff02::1:2]:547', description: '4 frames, 4.1 kB' });
    expect(items[0]!.detail).toBe('A→B 1 (60 B), B→A 3 (4.0 kB); from 0.000 s for 0.000 s');
  });
});
