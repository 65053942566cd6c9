// Reports each boot phase of a launch once, timed from the launch request, for runs and debug sessions alike.
import type { BootPhaseEventBody, BootPhaseName } from '../../api/debug-protocol';

export class BootPhaseClock {
  private readonly origin = performance.now();
  private readonly seen = new Set<BootPhaseName>();

  constructor(private readonly emit: (body: BootPhaseEventBody) => void) {}

  /** Later marks of a phase are ignored: a phase happens once per launch (a restart gets a new clock). */
  mark(name: BootPhaseName): void {
    if (this.seen.has(name)) return;
    this.seen.add(name);
    this.emit({ name, t: Math.round((performance.now() - this.origin) * 10) / 10 });
  }
}
