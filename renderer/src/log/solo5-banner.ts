// Reads the Solo5 console banner (bindings version, memory map, solo5_exit/abort) into a model of the guest's memory.

export interface MemoryRegion {
  name: string;
  /** First address of the region. */
  start: number;
  /** One past the last address (the banner prints inclusive ends; this is exclusive so sizes are end - start). */
  end: number;
}

export interface Solo5Banner {
  bindingsVersion?: string;
  addressableMB?: number;
  /** reserved, text, rodata, data, then heap and stack (which share one span: heap grows up, the stack down). */
  regions: MemoryRegion[];
  heapStart?: number;
  stackTop?: number;
  exit?: { kind: 'exit'; status: number } | { kind: 'abort' };
}

const PREFIX = /^Solo5: /;
const BINDINGS = /^Solo5: Bindings version (\S+)/;
const MEMORY_MAP = /^Solo5: Memory map: (\d+) MB addressable:?/;
const REGION = /^Solo5:\s+(\w+) @ \((0x[0-9a-fA-F]+) - (0x[0-9a-fA-F]+)\)/;
const HEAP = /^Solo5:\s+heap >= (0x[0-9a-fA-F]+) < stack < (0x[0-9a-fA-F]+)/;
const EXIT = /^Solo5: solo5_exit\((-?\d+)\) called/;
const ABORT = /^Solo5: solo5_abort\(\) called/;

export class Solo5BannerReader {
  readonly banner: Solo5Banner = { regions: [] };
  private seen = false;

  /** True once a banner line was read: the view draws the memory map only then. */
  get hasBanner(): boolean {
    return this.seen;
  }

  /** Reads one console line; returns whether it was a Solo5 banner line. */
  accept(line: string): boolean {
    if (!PREFIX.test(line)) return false;
    const banner = this.banner;
    let match: RegExpExecArray | null;
    if ((match = BINDINGS.exec(line))) banner.bindingsVersion = match[1]!;
    else if ((match = MEMORY_MAP.exec(line))) {
      // A new banner is a new boot: forget the previous map.
      banner.addressableMB = Number(match[1]);
      banner.regions = [];
      delete banner.heapStart;
      delete banner.stackTop;
      delete banner.exit;
    } else if ((match = REGION.exec(line))) {
      banner.regions.push({ name: match[1]!, start: parseInt(match[2]!, 16), end: parseInt(match[3]!, 16) + 1 });
    } else if ((match = HEAP.exec(line))) {
      banner.heapStart = parseInt(match[1]!, 16);
      banner.stackTop = parseInt(match[2]!, 16);
      banner.regions.push({ name: 'heap/stack', start: banner.heapStart, end: banner.stackTop });
    } else if ((match = EXIT.exec(line))) banner.exit = { kind: 'exit', status: Number(match[1]) };
    else if (ABORT.test(line)) banner.exit = { kind: 'abort' };
    else return false;
    this.seen = true;
    return true;
  }
}
