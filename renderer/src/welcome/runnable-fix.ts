// Which doctor fixes the IDE may offer to type into a terminal: real commands only, never advice written in words.

/** First words of the fixes the doctor and the targets give (apt-get, opam, modprobe, chmod, setcap... behind sudo or not). */
const COMMANDS = new Set(['sudo', 'opam', 'apt-get', 'apt', 'modprobe', 'chmod', 'setcap', 'ip', 'usermod', 'mount', 'eval']);

/**
 * A fix is offered "Run in terminal" when it reads as a shell command. The command is typed, not run: the user reads it
 * and presses Enter (and sudo asks for the password itself), so nothing privileged ever happens silently.
 */
export function isRunnableFix(fix: string): boolean {
  const first = fix.trim().split(/\s+/, 1)[0] ?? '';
  return COMMANDS.has(first) && !/[\n\r]/.test(fix);
}
