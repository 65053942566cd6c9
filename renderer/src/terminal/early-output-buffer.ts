// Holds terminal events that overtake their terminal/create answer, so a shell's first prompt is never lost.
import type { TerminalExitEvent } from '../../../main/api/terminal-protocol';

export interface EarlyOutput {
  data: string[];
  exit?: TerminalExitEvent;
}

/**
 * Only used while a create is in flight; the backend's flow control bounds how much any one terminal can send
 * unacknowledged, so this cannot grow without limit.
 */
export class EarlyOutputBuffer {
  private readonly held = new Map<number, EarlyOutput>();

  holdData(id: number, data: string): void {
    this.entry(id).data.push(data);
  }

  holdExit(exit: TerminalExitEvent): void {
    this.entry(exit.id).exit = exit;
  }

  take(id: number): EarlyOutput {
    const output = this.held.get(id) ?? { data: [] };
    this.held.delete(id);
    return output;
  }

  /** Forgets events for terminals nobody here is waiting for (e.g. created by another window). */
  clear(): void {
    this.held.clear();
  }

  private entry(id: number): EarlyOutput {
    let output = this.held.get(id);
    if (!output) {
      output = { data: [] };
      this.held.set(id, output);
    }
    return output;
  }
}
