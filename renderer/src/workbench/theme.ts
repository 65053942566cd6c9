// Follows the operating system's dark or light preference and tells the editor and terminals when it flips.

export type ThemeKind = 'dark' | 'light';

export class Theme {
  private readonly query = window.matchMedia('(prefers-color-scheme: dark)');
  private readonly listeners = new Set<(kind: ThemeKind) => void>();

  constructor() {
    this.apply();
    this.query.addEventListener('change', () => this.apply());
  }

  get kind(): ThemeKind {
    return this.query.matches ? 'dark' : 'light';
  }

  onChange(listener: (kind: ThemeKind) => void): void {
    this.listeners.add(listener);
  }

  private apply(): void {
    document.documentElement.dataset.theme = this.kind;
    for (const listener of this.listeners) listener(this.kind);
  }
}
