// A run's live capture: the source its plan names (QEMU's mirror socket, tcpdump on a tap) feeding a PacketTable, announced
// to the client as `mirador/packets` events; it outlives the VMM so the client can browse and export it afterwards.
import type { CaptureSource } from '../../api/launch-protocol';
import type { PacketsEventBody, SyslogEventBody, SyslogMessage } from '../../api/packets-protocol';
import type { LiveCapture } from '../../services/capture/live-capture';
import { QemuMirrorCapture } from '../../services/capture/qemu-mirror-capture';
import { TcpdumpCapture } from '../../services/capture/tcpdump-capture';
import { PacketsAnnouncer } from '../../services/packets/packets-announcer';
import { PacketTable } from '../../services/packets/packet-table';
import { withParentDeathSignal } from '../launch/parent-death-signal';

/** After QEMU exits, how long its mirror stream may take to drain (QEMU closes it) before it is cut. */
const DRAIN_WAIT_MS = 3000;
/** tcpdump never ends by itself: after the VMM exits it gets this long for frames still in flight, then it is stopped. */
const TCPDUMP_GRACE_MS = 200;

export interface RunCaptureEvents {
  packets(body: PacketsEventBody): void;
  /** Syslog messages in the frames that just arrived (logs-syslog over UDP), for the Log panel. */
  syslog(body: SyslogEventBody): void;
  /** A notice for the user (e.g. tcpdump lacks privileges), shown once; the run goes on. */
  notice(text: string): void;
}

export class RunCapture {
  readonly table = new PacketTable();
  private readonly announcer: PacketsAnnouncer;
  private readonly source: LiveCapture;
  private readonly endedReason: Promise<string>;
  private readonly endsByItself: boolean;

  constructor(capture: Exclude<CaptureSource, { kind: 'none' }>, events: RunCaptureEvents) {
    this.announcer = new PacketsAnnouncer(this.table, events.packets);
    this.endsByItself = capture.kind === 'qemu-mirror';
    let markEnded!: (reason: string) => void;
    this.endedReason = new Promise((resolve) => (markEnded = resolve));
    const listener = {
      onFrames: (frames: Parameters<PacketTable['append']>[0][]) => {
        const messages: SyslogMessage[] = [];
        for (const frame of frames) {
          const d = this.table.append(frame);
          if (d.logMessage) messages.push({ frame: this.table.total, ...d.logMessage, sender: d.source, info: d.info });
        }
        this.announcer.framesArrived();
        if (messages.length > 0) events.syslog({ messages });
      },
      onNotice: events.notice,
      onEnded: (reason: string) => {
        this.announcer.end(reason);
        markEnded(reason);
      },
    };
    this.source =
      capture.kind === 'qemu-mirror'
        ? new QemuMirrorCapture(capture.socket, listener)
        : new TcpdumpCapture({ interface: capture.interface, spawnThrough: withParentDeathSignal }, listener);
  }

  /** Before the VMM starts: the socket listens, or tcpdump has the device open. */
  start(): Promise<void> {
    return this.source.start();
  }

  /** Once the VMM has exited: lets the last frames in (QEMU closes its stream), then stops the source; `ended` is sent. */
  async finish(): Promise<void> {
    const wait = this.endsByItself ? DRAIN_WAIT_MS : TCPDUMP_GRACE_MS;
    const drained = await Promise.race([this.endedReason.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), wait).unref())]);
    if (!drained) await this.source.stop();
  }

  /** Ends the source now (a restart, or the session ending before the VMM did). */
  stop(): Promise<void> {
    return this.source.stop();
  }

  killNow(): void {
    this.source.killNow();
  }
}
