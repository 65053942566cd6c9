// The displayFilter/check request: the filter bar's as-you-type check compiles with the real filter grammar, applies nothing.
import { describe, expect, it } from 'vitest';
import { createRequestHandlers, type ConnectionServices, type SharedServices } from '../../../main/backend/request-handlers';

// The check needs no workspace or session: nothing of the shared services is touched.
const handlers = createRequestHandlers({} as SharedServices);
const connection = {} as ConnectionServices;
const check = (filter: string) => handlers['displayFilter/check']({ filter }, connection);

describe('displayFilter/check', () => {
  it('accepts what the packet table accepts', async () => {
    for (const filter of ['icmp', 'ip.addr == 10.0.2.15', 'tcp.port == 80 && !arp', 'not (dns or dhcp)', 'frame.len > 100']) {
      expect(await check(filter)).toEqual({ ok: true });
    }
  });

  it('rejects a mistake with its message and 1-based column', async () => {
    expect(await check('icmp && fo')).toEqual({ ok: false, message: '"fo" is neither a field nor a protocol name', column: 9 });
    const unclosed = await check('(tcp');
    expect(unclosed).toMatchObject({ ok: false, column: 5 });
    expect(await check('ip.addr == 10.0.2')).toMatchObject({ ok: false, column: 12 });
  });

  it('refuses a request without a filter string', () => {
    expect(() => handlers['displayFilter/check']({} as { filter: string }, connection)).toThrow(/filter/);
  });
});
