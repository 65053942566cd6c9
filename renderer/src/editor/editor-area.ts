// The editor area: one or more side-by-side editor groups, which one is active, and the empty-state hints.
import type { WorkspaceChange } from '../../../main/api';
import { el } from '../workbench/element';
import type { Notifications } from '../workbench/notifications';
import type { QuickInput } from '../workbench/quick-input';
import { OpenAsTextInstead, type CustomEditor, type CustomEditorProvider } from './custom-editor';
import type { DocumentManager } from './document-manager';
import { EditorGroup, type EditorInput, type Selection } from './editor-group';
import type { Monaco } from './monaco-loader';
import { TextDocument } from './text-document';

export interface EditorAreaEvents {
  onCursor(line: number, column: number): void;
  onActiveDocument(document: TextDocument | undefined): void;
}

const MAX_GROUPS = 3;

export class EditorArea {
  private readonly groups: EditorGroup[] = [];
  private activeGroup: EditorGroup | undefined;
  private readonly groupsElement: HTMLElement;
  private readonly watermark: HTMLElement;
  private readonly providers: CustomEditorProvider[] = [];
  private readonly customEditors = new Map<string, CustomEditor>();
  private readonly customLoading = new Map<string, Promise<CustomEditor | undefined>>();
  private readonly customListeners = new Set<() => void>();

  constructor(
    readonly element: HTMLElement,
    private readonly monaco: Monaco,
    private readonly documents: DocumentManager,
    private readonly notifications: Notifications,
    private readonly quickInput: QuickInput,
    private readonly events: EditorAreaEvents,
  ) {
    this.groupsElement = el('div', { className: 'editor-groups' });
    this.watermark = el(
      'div',
      { className: 'editor-watermark', 'aria-label': 'Editor hints' },
      el('div', { className: 'watermark-title' }, 'Mirador'),
      el('dl', {},
        el('dt', {}, 'Show All Commands'), el('dd', {}, el('kbd', {}, 'Ctrl+Shift+P')),
        el('dt', {}, 'Go to File'), el('dd', {}, el('kbd', {}, 'Ctrl+P')),
        el('dt', {}, 'Find in Files'), el('dd', {}, el('kbd', {}, 'Ctrl+Shift+F')),
        el('dt', {}, 'Toggle Terminal'), el('dd', {}, el('kbd', {}, 'Ctrl+`')),
      ),
    );
    this.element.replaceChildren(this.groupsElement, this.watermark);
    documents.onDidChangeState(() => this.events.onActiveDocument(this.activeDocument));
  }

  get activeDocument(): TextDocument | undefined {
    return this.activeGroup?.active;
  }

  get activeEditor() {
    return this.activeGroup?.editor;
  }

  /** The active tab, text or custom (a notebook). */
  get activeInput(): EditorInput | undefined {
    return this.activeGroup?.activeInput;
  }

  /** Files matching a provider open in its editor instead of the text editor (the extension point for .ipynb). */
  registerCustomEditor(provider: CustomEditorProvider): void {
    this.providers.push(provider);
  }

  get openCustomEditors(): CustomEditor[] {
    return [...this.customEditors.values()];
  }

  /** Custom editors were opened or closed, or one's dirty state changed. */
  onDidChangeCustomEditors(listener: () => void): () => void {
    this.customListeners.add(listener);
    return () => this.customListeners.delete(listener);
  }

  hasDirtyCustomEditors(): boolean {
    return this.openCustomEditors.some((editor) => editor.isDirty);
  }

  applyDiskChanges(changes: WorkspaceChange[]): void {
    for (const editor of this.customEditors.values()) for (const change of changes) editor.applyDiskChange?.(change);
  }

  /** Opens a file in the active group; `preserveFocus` keeps the focus where it is (the debugger revealing a stop). */
  async open(path: string, selection?: Selection, options: { preserveFocus?: boolean; asText?: boolean } = {}): Promise<TextDocument | undefined> {
    const provider = this.providers.find((candidate) => candidate.matches(path));
    if (provider && !options.asText) {
      const editor = await this.openCustom(provider, path);
      if (editor) {
        const group = this.groups.find((candidate) => candidate.openInputs.includes(editor)) ?? this.activeGroup ?? this.addGroup();
        group.open(editor);
        if (!options.preserveFocus) group.focus();
        this.updateWatermark();
        return undefined;
      }
      if (editor === null) return undefined;
    }
    let document: TextDocument;
    try {
      document = await this.documents.open(path);
    } catch (error) {
      this.notifications.error(`Could not open ${path}: ${(error as Error).message}`);
      return undefined;
    }
    const group = this.activeGroup ?? this.addGroup();
    group.open(document, selection);
    if (!options.preserveFocus) group.focus();
    this.updateWatermark();
    return document;
  }

  /** The provider's editor for `path` (one per file); undefined to open it as text instead; null when it failed (the user was told). */
  private openCustom(provider: CustomEditorProvider, path: string): Promise<CustomEditor | undefined | null> {
    const existing = this.customEditors.get(path);
    if (existing) return Promise.resolve(existing);
    let loading = this.customLoading.get(path);
    if (!loading) {
      loading = provider.open(path).then(
        (editor) => {
          this.customEditors.set(path, editor);
          editor.onDidChangeState(() => {
            if (this.activeInput === editor) this.events.onActiveDocument(undefined);
            this.fireCustomEditors();
          });
          this.fireCustomEditors();
          return editor;
        },
        (error: Error) => {
          if (error instanceof OpenAsTextInstead) {
            this.notifications.warn(`${error.message} It is open as text instead.`);
            return undefined;
          }
          this.notifications.error(`Could not open ${path} as a ${provider.label.toLowerCase()}: ${error.message}`);
          throw error;
        },
      );
      loading.finally(() => this.customLoading.delete(path)).catch(() => undefined);
      this.customLoading.set(path, loading);
    }
    return loading.catch(() => null);
  }

  private fireCustomEditors(): void {
    for (const listener of this.customListeners) listener();
  }

  /** Shows a document without focusing it (restored sessions). */
  show(document: TextDocument): void {
    (this.activeGroup ?? this.addGroup()).open(document);
    this.updateWatermark();
  }

  async saveActive(): Promise<void> {
    const input = this.activeInput;
    if (input instanceof TextDocument) await this.documents.save(input);
    else if (input) await input.save();
  }

  async saveAll(): Promise<void> {
    for (const document of this.documents.dirty()) await this.documents.save(document);
    for (const editor of this.openCustomEditors) if (editor.isDirty) await editor.save();
  }

  async closeActive(): Promise<void> {
    const group = this.activeGroup;
    const input = group?.activeInput;
    if (group && input) await this.close(group, input);
  }

  /** Closes a tab; unsaved changes make it ask Save / Don't Save / Cancel, as VS Code does. */
  async close(group: EditorGroup, document: EditorInput): Promise<void> {
    const openElsewhere = this.groups.some((other) => other !== group && other.openInputs.includes(document));
    if (document.isDirty && !openElsewhere) {
      const choice = await this.quickInput.pick(
        [
          { label: 'Save', value: 'save' },
          { label: "Don't Save", value: 'discard' },
          { label: 'Cancel', value: 'cancel' },
        ],
        { title: `Save changes to ${document.name}?`, placeholder: `Do you want to save the changes you made to ${document.name}?`, keepOrder: true },
      );
      if (choice === 'save' && !(await (document instanceof TextDocument ? this.documents.save(document) : document.save()))) return;
      if (choice !== 'save' && choice !== 'discard') return;
    }
    group.remove(document);
    if (!openElsewhere) this.release(document);
  }

  private release(input: EditorInput): void {
    if (input instanceof TextDocument) return this.documents.release(input);
    this.customEditors.delete(input.path);
    input.dispose();
    this.fireCustomEditors();
  }

  async split(): Promise<void> {
    if (this.activeInput && !(this.activeInput instanceof TextDocument)) return this.notifications.info(`${this.activeInput.name} shows in one editor group at a time; split a text file instead.`);
    const document = this.activeDocument;
    if (!document) return this.notifications.info('Open a file first, then split the editor to see it side by side.');
    if (this.groups.length >= MAX_GROUPS) return this.notifications.info(`The editor area holds at most ${MAX_GROUPS} groups.`);
    const group = this.addGroup();
    group.open(document);
    group.focus();
  }

  /** Closes every tab showing a path (or a folder's files) after it was deleted or renamed by the user here. */
  forget(path: string): void {
    for (const group of [...this.groups]) {
      for (const document of [...group.openInputs]) {
        if ((document.path === path || document.path.startsWith(`${path}/`)) && !document.isDirty) {
          group.remove(document);
          if (!this.groups.some((other) => other.openInputs.includes(document))) this.release(document);
        }
      }
    }
  }

  layout(): void {
    for (const group of this.groups) group.layout();
  }

  setTheme(kind: 'dark' | 'light'): void {
    this.monaco.editor.setTheme(kind === 'dark' ? 'vs-dark' : 'vs');
  }

  private addGroup(): EditorGroup {
    const group = new EditorGroup(this.monaco, {
      onFocus: (focused) => this.setActive(focused),
      onCursor: (source, line, column) => source === this.activeGroup && this.events.onCursor(line, column),
      requestClose: (source, input) => void this.close(source, input),
      onEmpty: (empty) => this.removeGroup(empty),
      onActiveChange: (changed) => changed === this.activeGroup && this.events.onActiveDocument(changed.active),
    }, this.groups.length);
    this.groups.push(group);
    this.groupsElement.append(group.element);
    this.setActive(group);
    this.layoutSoon();
    return group;
  }

  private removeGroup(group: EditorGroup): void {
    if (this.groups.length === 1) {
      this.updateWatermark();
      return;
    }
    this.groups.splice(this.groups.indexOf(group), 1);
    group.dispose();
    if (this.activeGroup === group) this.setActive(this.groups[this.groups.length - 1]);
    this.layoutSoon();
  }

  private setActive(group: EditorGroup): void {
    this.activeGroup = group;
    for (const other of this.groups) other.element.classList.toggle('active', other === group);
    this.events.onActiveDocument(group.active);
  }

  private updateWatermark(): void {
    const empty = this.groups.every((group) => group.openInputs.length === 0);
    this.watermark.hidden = !empty;
    this.groupsElement.hidden = empty;
    if (!empty) this.layoutSoon();
  }

  private layoutSoon(): void {
    requestAnimationFrame(() => this.layout());
  }
}
