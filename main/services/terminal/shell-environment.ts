// The environment a terminal's shell starts with: the backend's own, minus what would confuse it, plus terminal identity.

/** Variables that describe the backend's own terminal or runtime, not the one we are creating. */
const INHERITED_BUT_WRONG = [
  'COLUMNS',
  'LINES',
  'TERMCAP',
  'TMUX',
  'TMUX_PANE',
  'STY',
  'WINDOW',
  'WINDOWID',
  'ELECTRON_RUN_AS_NODE',
  'ELECTRON_NO_ATTACH_CONSOLE',
];

export function shellEnvironment(base: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value !== undefined && !INHERITED_BUT_WRONG.includes(name)) env[name] = value;
  }
  env.TERM = 'xterm-256color';
  env.COLORTERM = 'truecolor';
  env.TERM_PROGRAM = 'mirador';
  return env;
}
