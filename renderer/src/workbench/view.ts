// What a view in the side bar or the bottom panel gives the workbench: a name, an element, and optional hooks.

export interface ViewAction {
  label: string;
  icon: string;
  run(): void;
}

export interface View {
  id: string;
  title: string;
  /** Codicon name for the activity bar. */
  icon: string;
  element: HTMLElement;
  actions?: ViewAction[];
  /** Called each time the view becomes visible. */
  onShow?(): void;
  /** Called when the view's size may have changed. */
  layout?(): void;
  focus?(): void;
}
