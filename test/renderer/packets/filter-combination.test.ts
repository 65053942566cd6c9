// Apply as Filter's joins, written as Wireshark writes them, and each result is a filter the display filter compiles.
import { describe, expect, it } from 'vitest';
import { compileDisplayFilter } from '../../../main/services/display-filter/display-filter';
import { combineFilters, type FilterCombination } from '../../../renderer/src/packets/filter-combination';

const ALL: FilterCombination[] = ['selected', 'not-selected', 'and-selected', 'or-selected', 'and-not-selected', 'or-not-selected'];

describe('combineFilters', () => {
  it('joins the selected line’s filter to the one in effect, each side in parentheses', () => {
    const current = 'tcp.port == 80 || udp';
    const selected = 'ip.src == 10.0.2.15';
    expect(ALL.map((how) => combineFilters(current, selected, how))).toEqual([
      'ip.src == 10.0.2.15',
      '!(ip.src == 10.0.2.15)',
      '(tcp.port == 80 || udp) && (ip.src == 10.0.2.15)',
      '(tcp.port == 80 || udp) || (ip.src == 10.0.2.15)',
      '(tcp.port == 80 || udp) && (!(ip.src == 10.0.2.15))',
      '(tcp.port == 80 || udp) || (!(ip.src == 10.0.2.15))',
    ]);
  });

  it('with no filter in effect, a join is the selected filter alone (negated for the "not" ones)', () => {
    expect(ALL.map((how) => combineFilters('  ', 'dns', how))).toEqual(['dns', '!(dns)', 'dns', 'dns', '!(dns)', '!(dns)']);
  });

  it('makes filters that compile, quoted strings included', () => {
    for (const how of ALL) {
      const filter = combineFilters('arp || icmp', 'dns.qry.name == "a \\"b\\".test"', how);
      expect(compileDisplayFilter(filter), filter).toMatchObject({ ok: true });
    }
  });
});
