// Runs commands from the keyboard, before the browser acts on keys it would otherwise take (Ctrl+S, Ctrl+P).
import type { CommandRegistry } from './command-registry';
import { chordOf } from './key-chord';

export function installKeybindings(commands: CommandRegistry, target: Window = window): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented) return;
    const chord = chordOf(event);
    // Several commands may share a key (F5: start debugging, or continue when stopped); the first enabled one runs.
    const command = commands
      .all()
      .find((candidate) => (candidate.keybinding === chord || candidate.alternativeKeys?.includes(chord)) && (!candidate.enabled || candidate.enabled()));
    if (!command) return;
    event.preventDefault();
    event.stopPropagation();
    void commands.run(command.id);
  };
  target.addEventListener('keydown', onKeyDown, true);
  return () => target.removeEventListener('keydown', onKeyDown, true);
}
