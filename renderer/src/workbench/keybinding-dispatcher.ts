// Runs commands from the keyboard, before the browser acts on keys it would otherwise take (Ctrl+S, Ctrl+P).
import type { CommandRegistry } from './command-registry';
import { chordOf } from './key-chord';

export function installKeybindings(commands: CommandRegistry, target: Window = window): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented) return;
    const chord = chordOf(event);
    const command = commands
      .all()
      .find((candidate) => candidate.keybinding === chord || candidate.alternativeKeys?.includes(chord));
    if (!command || (command.enabled && !command.enabled())) return;
    event.preventDefault();
    event.stopPropagation();
    void commands.run(command.id);
  };
  target.addEventListener('keydown', onKeyDown, true);
  return () => target.removeEventListener('keydown', onKeyDown, true);
}
