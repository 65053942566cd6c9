// IPv4 and IPv6 fragments put together as tshark does by default, compared with tshark 4.0 on a capture of every order
// and shape (ip-fragments.pcap): columns, fields, filter counts, the fragment list in the tree; and the table itself.
import { describe, expect, it } from 'vitest';
import { readCaptureFile } from '../../../../main/services/capture/capture-file-reader';
import type { CaptureFrame } from '../../../../main/services/capture/capture-frame';
import { compileDisplayFilter } from '../../../../main/services/display-filter/display-filter';
import type { DetailNode, Dissection } from '../../../../main/services/dissect/dissection';
import { DissectionSession } from '../../../../main/services/dissect/dissection-session';
import { dissectFrame } from '../../../../main/services/dissect/frame-dissector';
import { IpFragmentTable } from '../../../../main/services/dissect/ip-reassembly';
import { PacketTable } from '../../../../main/services/packets/packet-table';
import { IP_FRAGMENTS, tool, wiresharkCount, wiresharkFields } from '../capture/tshark-runner';

const FIELDS = ['ip.src', 'ip.frag_offset', 'udp.srcport', 'udp.length', 'dns.a', 'icmp.type', 'icmp.resp_to', 'tcp.seq', 'tcp.len', 'tcp.stream', 'ipv6.src', 'ipv6.fraghdr.offset', 'ipv6.fraghdr.more', 'ip.fragment.count', 'ip.reassembled.length', 'ipv6.fragment.count', 'ipv6.reassembled.length'];

function framesOf(file: string): CaptureFrame[] {
  const frames: CaptureFrame[] = [];
  readCaptureFile(file, (frame) => frames.push(frame));
  return frames;
}

function dissectAll(options: { tree?: boolean; fields?: ReadonlySet<string> } = {}): Dissection[] {
  const session = DissectionSession.wiresharkDefaults();
  return framesOf(IP_FRAGMENTS).map((frame, index) => dissectFrame(session, frame, index + 1, options));
}

function allNodes(nodes: readonly DetailNode[]): DetailNode[] {
  return nodes.flatMap((node) => [node, ...allNodes(node.children ?? [])]);
}

describe('IP reassembly compared with tshark (its defaults)', () => {
  it('has tshark’s Protocol and Info on every frame: fragments, and the datagram on the frame that completes it', () => {
    const ours = dissectAll();
    const reference = wiresharkFields(IP_FRAGMENTS, ['_ws.col.Protocol', '_ws.col.Info']);
    expect(ours.length).toBe(reference.length);
    expect(ours.map((d, index) => `${index + 1} ${d.protocol} ${d.info}`)).toEqual(reference.map(([protocol, info], index) => `${index + 1} ${protocol} ${info}`));
    // The capture holds what it claims: datagrams completed in and out of order, over UDP, DNS, ICMP, TCP and IPv6.
    expect(ours.filter((d) => d.protocols.includes('ip.fragments')).length).toBeGreaterThanOrEqual(8);
    expect(ours.filter((d) => d.protocols.includes('ipv6.fragments')).length).toBe(3);
    expect(new Set(ours.filter((d) => d.protocols.includes('ip.fragments')).map((d) => d.protocol))).toEqual(new Set(['UDP', 'DNS', 'ICMP', 'TCP']));
  });

  it('has tshark’s fields on every frame (the datagram’s layers, fragment count and length)', () => {
    const ours = dissectAll({ fields: new Set(FIELDS) });
    const reference = wiresharkFields(IP_FRAGMENTS, FIELDS);
    ours.forEach((d, index) => {
      const mine = Object.fromEntries(FIELDS.map((field) => [field, (d.fields!.get(field) ?? []).join(',')]));
      const theirs = Object.fromEntries(FIELDS.map((field, column) => [field, reference[index]![column] ?? '']));
      expect({ frame: index + 1, ...mine }).toEqual({ frame: index + 1, ...theirs });
    });
  });

  it.each(['udp', 'dns', 'icmp', 'tcp', 'data', 'ip.fragment', 'ip.fragments', 'ipv6.fragment', 'ipv6.fragments', 'ip.fragment.count == 3', 'ip.reassembled.length > 50', 'ipv6.reassembled.length', 'ip.flags.mf == 1', '_ws.malformed', 'udp.length == 64', 'ip.frag_offset == 3', 'ipv6.fraghdr.offset == 6', 'ipv6.fraghdr.ident == 0xa2', 'icmp.resp_to', 'tcp.len > 0', 'ipv6.dstopts'])('filter %s matches the frames tshark -Y matches', (filter) => {
    const compiled = compileDisplayFilter(filter);
    if (!compiled.ok) throw new Error(compiled.message);
    const ours = dissectAll({ fields: compiled.filter.fields });
    const numbers = ours.flatMap((d, index) => (compiled.filter.matches(d) ? [index + 1] : []));
    expect(numbers.length).toBe(wiresharkCount(IP_FRAGMENTS, filter));
    expect(numbers).toEqual(wiresharkFields(IP_FRAGMENTS, ['frame.number'], filter).map(([number]) => Number(number)));
  });

  it('lists the fragments in the tree as tshark does, and points every line of the datagram inside the frame', () => {
    const ours = dissectAll({ tree: true });
    const verbose = tool('tshark', ['-r', IP_FRAGMENTS, '-V']);
    const theirLists = [...verbose.matchAll(/^ {4}(\[\d+ IPv[46] Fragments \(\d+ bytes\): [^\]]+\])$/gm)].map((match) => match[1]);
    const ourLists = ours.flatMap((d) => allNodes(d.tree!).filter((node) => /^\[\d+ IPv[46] Fragments/.test(node.label)).map((node) => node.label));
    expect(theirLists.length).toBeGreaterThanOrEqual(11);
    expect(ourLists).toEqual(theirLists);
    ours.forEach((d) => {
      for (const node of allNodes(d.tree!)) {
        expect(node.start, `${d.frameNumber}: ${node.label}`).toBeGreaterThanOrEqual(0);
        expect(node.start + node.length, `${d.frameNumber}: ${node.label}`).toBeLessThanOrEqual(d.data.length);
      }
    });
    // Frame 3 completes datagram 0x1001 with its bytes 48-63: UDP's header (bytes 0-7) was in frame 1, so its layer
    // points at this fragment's share; the data line's bytes are partly here.
    const udp = ours[2]!.tree!.find((node) => node.label.startsWith('User Datagram Protocol'))!;
    expect({ start: udp.start, length: udp.length }).toEqual({ start: 34, length: 16 });
  });

  it('shows the same rows and trees in the Packets panel, whichever frame is asked for first', () => {
    const table = new PacketTable();
    const frames = framesOf(IP_FRAGMENTS);
    for (const frame of frames) table.append(frame);
    const sequential = dissectAll({ tree: true });
    for (const number of [...frames.keys()].map((index) => index + 1).reverse()) {
      const [row] = table.rows(number - 1, 1);
      // Less what only later frames tell, which the panel adds (compared with tshark -2 in packet-table.test.ts).
      const info = row!.info.replace(/ \[Reassembled in #\d+\]$| \(reply in \d+\)$/, '');
      expect(`${row!.number} ${row!.protocol} ${info}`).toBe(`${number} ${sequential[number - 1]!.protocol} ${sequential[number - 1]!.info}`);
      const laterNote = /^\[(Reassembled IPv[46] in frame|Response frame): \d+\]$/;
      const tree = table.detail(number).tree.map((node) => ({ ...node, children: node.children?.filter((child) => !laterNote.test(child.label)) }));
      expect(JSON.stringify(tree)).toBe(JSON.stringify(sequential[number - 1]!.tree));
    }
  });
});

describe('IpFragmentTable', () => {
  const bytes = (text: string) => Buffer.from(text);

  it('completes a datagram when its last fragment has come and no byte before it is missing, in any order', () => {
    const table = new IpFragmentTable();
    expect(table.segment('a', bytes('IJKL'), 0, 4, 8, false, 1)).toBeUndefined();
    expect(table.segment('a', bytes('ABCD'), 0, 4, 0, true, 2)).toBeUndefined();
    // Another datagram's fragment does not mix in.
    expect(table.segment('b', bytes('xxxxxxxx'), 0, 8, 0, true, 3)).toBeUndefined();
    const whole = table.segment('a', bytes('--EFGH--'), 2, 6, 4, true, 4);
    expect(whole?.payload.toString()).toBe('ABCDEFGHIJKL');
    expect(whole?.fragments).toEqual([{ frame: 2, offset: 0, length: 4 }, { frame: 4, offset: 4, length: 4 }, { frame: 1, offset: 8, length: 4 }]);
  });

  it('lets a later offset win an overlap, keeps the first last fragment’s end, and cuts what runs past it', () => {
    const table = new IpFragmentTable();
    table.segment('a', bytes('WXYZ'), 0, 4, 8, false, 1);
    table.segment('a', bytes('WX'), 0, 2, 8, false, 2);
    table.segment('a', bytes('1234'), 0, 4, 10, true, 3);
    table.segment('a', bytes('abcdef'), 0, 6, 0, true, 4);
    const whole = table.segment('a', bytes('XXXX'), 0, 4, 4, true, 5);
    expect(whole?.payload.toString()).toBe('abcdXXXXWX12');
  });

  it('forgets a datagram once whole, so its identification starts a new one, and copies the bytes it keeps', () => {
    const table = new IpFragmentTable();
    const reused = Buffer.from('ABCD');
    table.segment('a', reused, 0, 4, 0, true, 1);
    reused.write('zzzz');
    expect(table.segment('a', bytes('EF'), 0, 2, 4, false, 2)?.payload.toString()).toBe('ABCDEF');
    expect(table.segment('a', bytes('EF'), 0, 2, 4, false, 3)).toBeUndefined();
  });

  it('drops a datagram sent over and over without its end at 256 fragments; the next fragment starts it again', () => {
    const table = new IpFragmentTable();
    for (let frame = 1; frame <= 256; frame++) expect(table.segment('a', bytes('AB'), 0, 2, 0, true, frame)).toBeUndefined();
    // The 257th starts a new datagram: the 256 before it are gone, so it alone is the datagram's start.
    table.segment('a', bytes('CD'), 0, 2, 0, true, 257);
    expect(table.segment('a', bytes('EF'), 0, 2, 2, false, 258)).toEqual({ payload: Buffer.from('CDEF'), fragments: [{ frame: 257, offset: 0, length: 2 }, { frame: 258, offset: 2, length: 2 }] });
  });

  it('puts together a 65,000-byte datagram from 44 fragments, and a small one under the same key after it', () => {
    const table = new IpFragmentTable();
    const datagram = Buffer.alloc(65_000);
    for (let index = 0; index < datagram.length; index++) datagram[index] = (index * 7) % 251;
    let whole;
    for (let offset = 0, frame = 1; offset < datagram.length; offset += 1480, frame++) {
      const end = Math.min(datagram.length, offset + 1480);
      whole = table.segment('big', datagram, offset, end, offset, end < datagram.length, frame);
    }
    expect(whole?.payload.equals(datagram)).toBe(true);
    expect(whole?.fragments).toHaveLength(44);
    table.segment('big', bytes('xy'), 0, 2, 0, true, 100);
    expect(table.segment('big', bytes('z'), 0, 1, 2, false, 101)?.payload.toString()).toBe('xyz');
  });

  it('drops the oldest open datagram past 4096, so lost fragments cannot grow it without end', () => {
    const table = new IpFragmentTable();
    table.segment('first', bytes('AB'), 0, 2, 0, true, 1);
    for (let index = 0; index < 4096; index++) table.segment(`lost ${index}`, bytes('xx'), 0, 2, 0, true, index + 2);
    expect(table.segment('first', bytes('CD'), 0, 2, 2, false, 5000)).toBeUndefined();
    expect(table.segment('lost 4095', bytes('yy'), 0, 2, 2, false, 5001)?.payload.toString()).toBe('xxyy');
  });
});
