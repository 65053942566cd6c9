// Every user action as a named command, so the palette, keybindings, menus and buttons all run the same code.

export interface Command {
  id: string;
  title: string;
  category?: string;
  /** Shown in the palette and matched by the keybinding dispatcher, e.g. `Ctrl+Shift+P`. */
  keybinding?: string;
  /** Extra keys that run the same command (e.g. `Ctrl+F4` where the browser keeps Ctrl+W). */
  alternativeKeys?: string[];
  run(): unknown;
  /** Hidden from the palette when false. */
  enabled?(): boolean;
}

export class CommandRegistry {
  private readonly commands = new Map<string, Command>();

  register(command: Command): void {
    if (this.commands.has(command.id)) throw new Error(`command ${command.id} registered twice`);
    this.commands.set(command.id, command);
  }

  get(id: string): Command | undefined {
    return this.commands.get(id);
  }

  all(): Command[] {
    return [...this.commands.values()];
  }

  async run(id: string): Promise<void> {
    const command = this.commands.get(id);
    if (!command) throw new Error(`unknown command ${id}`);
    await command.run();
  }

  label(command: Command): string {
    return command.category ? `${command.category}: ${command.title}` : command.title;
  }
}
