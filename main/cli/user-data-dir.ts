// Where Mirador keeps hot-exit backups and recent folders: $MIRADOR_USER_DATA_DIR, else the XDG config folder.
import os from 'node:os';
import path from 'node:path';

export function resolveUserDataDir(env: NodeJS.ProcessEnv): string {
  if (env.MIRADOR_USER_DATA_DIR) return path.resolve(env.MIRADOR_USER_DATA_DIR);
  const configHome = env.XDG_CONFIG_HOME ? env.XDG_CONFIG_HOME : path.join(env.HOME ?? os.homedir(), '.config');
  return path.join(path.resolve(configHome), 'mirador');
}
