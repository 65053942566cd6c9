// The line a terminal shows when its shell is gone, in the same words whatever ended it.
import type { TerminalExitEvent } from '../../../main/api/terminal-protocol';

export function exitMessage(exit: Pick<TerminalExitEvent, 'exitCode' | 'signal'>): string {
  const signal = exit.signal ? ` (signal ${exit.signal})` : '';
  return `[process exited with code ${exit.exitCode}${signal}]`;
}
