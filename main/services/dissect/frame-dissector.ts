// Entry point of dissection: one frame in, summary columns + tree + fields out; never throws, whatever the bytes.
import type { CaptureFrame } from '../capture/capture-frame';
import { dissectBsdLoopback } from './bsd-loopback';
import { dissectData } from './data';
import { Dissection, type DissectionOptions } from './dissection';
import type { DissectionSession } from './dissection-session';
import { dissectEthernet } from './ethernet';
import { dissectIpv4 } from './ipv4';
import { dissectIpv6 } from './ipv6';
import { dissectLinuxSll, dissectLinuxSll2 } from './linux-cooked';
import { LINKTYPE_ETHERNET, LINKTYPE_IPV4, LINKTYPE_IPV6, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, LINKTYPE_LOOP, LINKTYPE_NULL, LINKTYPE_RAW } from './link-types';


export function dissectFrame(
  session: DissectionSession,
  frame: Pick<CaptureFrame, 'data' | 'originalLength' | 'linkType'> & Partial<Pick<CaptureFrame, 'seconds' | 'nanoseconds'>>,
  frameNumber: number,
  options: DissectionOptions = {},
): Dissection {
  const d = new Dissection(frame.data, frameNumber, session, options);
  if (frame.seconds !== undefined) d.timeMicros = frame.seconds * 1e6 + (frame.nanoseconds ?? 0) / 1000;
  const end = frame.data.length;
  const tree = d.layer('frame', d.tree ? `Frame ${frameNumber}: ${frame.originalLength} bytes on wire, ${end} bytes captured` : '', 0, end);
  if (tree) d.item(tree, `Frame Length: ${frame.originalLength} bytes`, 0, end);
  d.field('frame.len', frame.originalLength);
  d.field('frame.cap_len', end);
  d.field('frame.number', frameNumber);
  try {
    switch (frame.linkType) {
      case LINKTYPE_ETHERNET:
        dissectEthernet(d, 0, end);
        break;
      case LINKTYPE_NULL:
      case LINKTYPE_LOOP:
        dissectBsdLoopback(d, 0, end, frame.linkType === LINKTYPE_LOOP);
        break;
      case LINKTYPE_LINUX_SLL:
        dissectLinuxSll(d, 0, end);
        break;
      case LINKTYPE_LINUX_SLL2:
        dissectLinuxSll2(d, 0, end);
        break;
      case LINKTYPE_RAW:
      case LINKTYPE_IPV4:
      case LINKTYPE_IPV6:
        if (end > 0 && frame.data[0]! >> 4 === 6) dissectIpv6(d, 0, end);
        else dissectIpv4(d, 0, end);
        break;
      default:
        d.columns(`LINKTYPE ${frame.linkType}`, 'Link type not dissected');
        dissectData(d, 0, end);
    }
  } catch (error) {
    // Dissectors check lengths as they go; anything that still slips through (a read past the end) is malformed input.
    d.markMalformed(d.protocol || 'Frame', error instanceof Error ? error.message : String(error), 0);
  }
  if (d.infoPrefix) d.info = d.infoPrefix + d.info;
  return d;
}
