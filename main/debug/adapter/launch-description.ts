// The lines a debug console shows when a launch starts: the command line run, the accelerator and why, the plan's notes.
import type { LaunchPlan } from '../../api/launch-protocol';

/** For people to read and copy; the VMM itself is always started from the argv array, never from this text. */
export function describeLaunch(plan: LaunchPlan): string {
  const lines = [`Mirador: ${[plan.command, ...plan.args].map(quoteForDisplay).join(' ')}`];
  if (plan.accelerator) lines.push(`Mirador: accelerator ${plan.accelerator.kind.toUpperCase()}: ${plan.accelerator.reason}`);
  for (const note of plan.notes) lines.push(`Mirador: ${note}`);
  return `${lines.join('\n')}\n`;
}

function quoteForDisplay(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
