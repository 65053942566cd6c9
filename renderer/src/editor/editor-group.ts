// One editor column: a tab strip of open files above a single Monaco editor that switches between their models, or a custom editor.
import type * as MonacoApi from 'monaco-editor/editor/editor.api';
import { el, icon } from '../workbench/element';
import type { CustomEditor } from './custom-editor';
import type { Monaco } from './monaco-loader';
import { TextDocument } from './text-document';

/** What a tab shows: a text document in the group's Monaco editor, or a custom editor (a notebook) with its own element. */
export type EditorInput = TextDocument | CustomEditor;

export interface Selection {
  line: number;
  column: number;
  length?: number;
}

export interface EditorGroupHost {
  onFocus(group: EditorGroup): void;
  onCursor(group: EditorGroup, line: number, column: number): void;
  requestClose(group: EditorGroup, input: EditorInput): void;
  onEmpty(group: EditorGroup): void;
  onActiveChange(group: EditorGroup): void;
}

export class EditorGroup {
  readonly element: HTMLElement;
  readonly editor: MonacoApi.editor.IStandaloneCodeEditor;
  private readonly tabStrip: HTMLElement;
  private readonly noticeBar: HTMLElement;
  private readonly editorHost: HTMLElement;
  private readonly customHost: HTMLElement;
  private readonly documents: EditorInput[] = [];
  private readonly viewStates = new Map<TextDocument, MonacoApi.editor.ICodeEditorViewState | null>();
  private readonly unsubscribes = new Map<EditorInput, () => void>();
  private activeDocument: EditorInput | undefined;

  constructor(
    monaco: Monaco,
    private readonly host: EditorGroupHost,
    readonly index: number,
  ) {
    this.tabStrip = el('div', { className: 'editor-tabs', role: 'tablist', 'aria-label': `Open editors, group ${index + 1}` });
    this.noticeBar = el('div', { className: 'editor-notice', role: 'note', hidden: true });
    const editorHost = el('div', { className: 'editor-host' });
    this.editorHost = editorHost;
    this.customHost = el('div', { className: 'custom-editor-host', hidden: true });
    this.element = el('div', { className: 'editor-group', role: 'group', 'aria-label': `Editor group ${index + 1}` }, this.tabStrip, this.noticeBar, editorHost, this.customHost);
    this.editor = monaco.editor.create(editorHost, {
      model: null,
      automaticLayout: false,
      minimap: { enabled: true },
      fontSize: 13,
      scrollBeyondLastLine: false,
      renderWhitespace: 'selection',
      fixedOverflowWidgets: true,
      ariaLabel: 'Editor',
    });
    this.editor.onDidFocusEditorWidget(() => this.host.onFocus(this));
    this.editor.onDidChangeCursorPosition((event) => this.host.onCursor(this, event.position.lineNumber, event.position.column));
    this.element.addEventListener('focusin', () => this.host.onFocus(this));
  }

  /** The active tab's text document; undefined when none, or when a custom editor is active. */
  get active(): TextDocument | undefined {
    return this.activeDocument instanceof TextDocument ? this.activeDocument : undefined;
  }

  get activeInput(): EditorInput | undefined {
    return this.activeDocument;
  }

  get openDocuments(): readonly TextDocument[] {
    return this.documents.filter((input): input is TextDocument => input instanceof TextDocument);
  }

  get openInputs(): readonly EditorInput[] {
    return this.documents;
  }

  open(document: EditorInput, selection?: Selection): void {
    if (!this.documents.includes(document)) {
      this.documents.push(document);
      this.unsubscribes.set(document, document.onDidChangeState(() => this.renderTabs()));
    }
    if (this.activeDocument !== document) {
      if (this.activeDocument instanceof TextDocument) this.viewStates.set(this.activeDocument, this.editor.saveViewState());
      this.activeDocument = document;
      if (document instanceof TextDocument) {
        this.showCustom(undefined);
        this.editor.setModel(document.model);
        const state = this.viewStates.get(document);
        if (state) this.editor.restoreViewState(state);
        this.editor.updateOptions({ readOnly: document.readOnly, ariaLabel: `${document.path}${document.readOnly ? ', read-only' : ''}` });
      } else {
        this.editor.setModel(null);
        this.showCustom(document);
      }
      this.host.onActiveChange(this);
    }
    if (selection && document instanceof TextDocument) {
      const range = { startLineNumber: selection.line, startColumn: selection.column, endLineNumber: selection.line, endColumn: selection.column + (selection.length ?? 0) };
      this.editor.setSelection(range);
      this.editor.revealRangeInCenterIfOutsideViewport(range);
    }
    this.renderTabs();
    this.layout();
  }

  /** Removes a document's tab; the caller has already asked about unsaved changes. */
  remove(document: EditorInput): void {
    const index = this.documents.indexOf(document);
    if (index < 0) return;
    this.documents.splice(index, 1);
    if (document instanceof TextDocument) this.viewStates.delete(document);
    this.unsubscribes.get(document)?.();
    this.unsubscribes.delete(document);
    if (this.activeDocument === document) {
      this.activeDocument = undefined;
      const next = this.documents[Math.min(index, this.documents.length - 1)];
      if (next) this.open(next);
      else {
        this.editor.setModel(null);
        this.showCustom(undefined);
        this.host.onActiveChange(this);
      }
    }
    this.renderTabs();
    if (this.documents.length === 0) this.host.onEmpty(this);
  }

  focus(): void {
    if (this.activeDocument && !(this.activeDocument instanceof TextDocument)) this.activeDocument.focus();
    else this.editor.focus();
  }

  layout(): void {
    if (this.activeDocument && !(this.activeDocument instanceof TextDocument)) this.activeDocument.layout();
    else this.editor.layout();
  }

  /** A custom editor's element takes the text editor's place while its tab is active. */
  private showCustom(editor: CustomEditor | undefined): void {
    this.editorHost.hidden = editor !== undefined;
    this.customHost.hidden = editor === undefined;
    if (editor) {
      if (this.customHost.firstElementChild !== editor.element) this.customHost.replaceChildren(editor.element);
      requestAnimationFrame(() => editor.layout());
    } else this.customHost.replaceChildren();
  }

  dispose(): void {
    for (const unsubscribe of this.unsubscribes.values()) unsubscribe();
    this.editor.dispose();
    this.element.remove();
  }

  private renderTabs(): void {
    this.tabStrip.replaceChildren(
      ...this.documents.map((document) => {
        const active = document === this.activeDocument;
        const state = document.deletedOnDisk ? ' (deleted)' : document.readOnly ? ' (read-only)' : '';
        const tab = el(
          'div',
          {
            className: `editor-tab${active ? ' active' : ''}${document.isDirty ? ' dirty' : ''}${document.deletedOnDisk ? ' deleted' : ''}`,
            role: 'tab',
            tabIndex: active ? 0 : -1,
            'aria-selected': String(active),
            'aria-label': `${document.name}${document.isDirty ? ', unsaved changes' : ''}${state}`,
            title: `${document.path}${state}`,
            onclick: () => this.open(document),
            onauxclick: (event: Event) => (event as MouseEvent).button === 1 && this.host.requestClose(this, document),
          },
          el('span', { className: 'editor-tab-label' }, document.name),
          el(
            'button',
            {
              className: 'icon-button editor-tab-close',
              'aria-label': `Close ${document.name}`,
              title: 'Close (Ctrl+W)',
              onclick: (event: Event) => (event.stopPropagation(), this.host.requestClose(this, document)),
            },
            icon(document.isDirty ? 'circle-filled' : 'close'),
          ),
        );
        return tab;
      }),
    );
    const notice = this.activeDocument?.notice;
    this.noticeBar.hidden = !notice;
    this.noticeBar.textContent = notice ?? '';
  }
}
