// Live frames of a host interface (a tap device) through `tcpdump -U -w -`: a pcap stream decoded as it arrives.
import { spawn, type ChildProcess } from 'node:child_process';
import type { CaptureFrame } from './capture-frame';
import type { LiveCapture, LiveCaptureListener } from './live-capture';
import { PcapReader } from './pcap-reader';

/** tcpdump says this once the device is open: frames sent from then on are recorded. */
const LISTENING = /listening on /;
/** How long the VMM waits for tcpdump to open the device before starting anyway. */
const START_WAIT_MS = 5000;

export interface TcpdumpCaptureOptions {
  interface: string;
  /** The tcpdump executable (default: `tcpdump` on PATH). */
  command?: string;
  /** Rewrites the argv before spawning (the adapter makes tcpdump die with it, as it does the VMM). */
  spawnThrough?: (command: string, args: string[]) => Promise<{ command: string; args: string[] }>;
}

export class TcpdumpCapture implements LiveCapture {
  private child: ChildProcess | undefined;
  private ended = false;
  private frameCount = 0;
  private stderr = '';
  private stopping = false;

  constructor(
    private readonly options: TcpdumpCaptureOptions,
    private readonly listener: LiveCaptureListener,
  ) {}

  async start(): Promise<void> {
    const device = this.options.interface;
    // -U: write each packet as it comes; --immediate-mode: do not let the kernel hold packets back in its buffer.
    const argv = { command: this.options.command ?? 'tcpdump', args: ['-U', '--immediate-mode', '-w', '-', '-i', device] };
    const { command, args } = this.options.spawnThrough ? await this.options.spawnThrough(argv.command, argv.args) : argv;
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const decoder = new PcapReader();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, START_WAIT_MS);
      const ready = () => {
        clearTimeout(timer);
        resolve();
      };
      child.stdout!.on('data', (chunk: Buffer) => {
        decoder.push(chunk);
        const batch: CaptureFrame[] = [];
        for (let frame = decoder.next(); frame; frame = decoder.next()) batch.push(frame);
        this.frameCount += batch.length;
        if (batch.length > 0) this.listener.onFrames(batch);
      });
      child.stderr!.setEncoding('utf8').on('data', (text: string) => {
        this.stderr = (this.stderr + text).slice(-4000);
        if (LISTENING.test(this.stderr)) ready();
      });
      child.on('error', (error: NodeJS.ErrnoException) => {
        ready();
        const reason = error.code === 'ENOENT' ? `tcpdump is not installed, so ${device} is not recorded: install it (sudo apt-get install tcpdump) to capture tap traffic` : `tcpdump could not start: ${error.message}`;
        this.listener.onNotice(`Capture: ${reason}. The run goes on without capture.`);
        this.end(reason);
      });
      child.on('close', (code, signal) => {
        ready();
        if (this.stopping || signal === 'SIGTERM' || signal === 'SIGINT') {
          this.end(`capture stopped after ${this.frameCount} frames`);
          return;
        }
        const problem = this.explain(device);
        if (problem) this.listener.onNotice(`Capture: ${problem}. The run goes on without capture.`);
        this.end(problem ?? `tcpdump exited with status ${code} after ${this.frameCount} frames`);
      });
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.stopping = true;
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    child.kill('SIGTERM');
    await closed;
  }

  killNow(): void {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  /** tcpdump's reason in words a user can act on, with the fix. */
  private explain(device: string): string | undefined {
    const said = this.stderr.trim().split('\n').filter((line) => !LISTENING.test(line)).slice(-2).join(' ');
    // Through a wrapper (setpriv), a missing tcpdump is the wrapper's complaint rather than a spawn error.
    if (/failed to execute|No such file or directory/i.test(said)) return `tcpdump is not installed, so ${device} is not recorded: install it (sudo apt-get install tcpdump) to capture tap traffic`;
    if (/permission|not permitted/i.test(said)) {
      return `tcpdump may not capture on ${device} without privileges (${said}); allow it once with: sudo setcap cap_net_raw,cap_net_admin=eip "$(command -v tcpdump)"`;
    }
    if (/no such device|doesn't exist/i.test(said)) return `there is no network interface ${device} to capture on (${said}); create the tap device first, e.g. sudo ip tuntap add ${device} mode tap user "$USER"`;
    if (/not up/i.test(said)) return `${device} is down, so tcpdump cannot capture on it: bring it up with sudo ip link set dev ${device} up`;
    return said ? `tcpdump stopped: ${said}` : undefined;
  }

  private end(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    this.listener.onEnded(reason);
  }
}
