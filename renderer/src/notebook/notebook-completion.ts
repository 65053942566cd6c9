// OCaml completion in notebook cells, answered by the notebook's own kernel (the toplevel's environment).
import type * as MonacoApi from 'monaco-editor/editor/editor.api';
import type { NotebookCompletionItem } from '../../../main/api';
import type { Monaco } from '../editor/monaco-loader';
import type { NotebookKernel } from './notebook-kernel';

/** Which kernel answers for which cell model; registered once per Monaco, for the `ocaml` language. */
export class NotebookCompletion {
  private readonly owners = new Map<string, NotebookKernel>();

  constructor(private readonly monaco: Monaco) {
    monaco.languages.registerCompletionItemProvider('ocaml', {
      triggerCharacters: ['.'],
      provideCompletionItems: (model, position) => this.provide(model, position),
    });
  }

  register(model: MonacoApi.editor.ITextModel, kernel: NotebookKernel): () => void {
    const key = model.uri.toString();
    this.owners.set(key, kernel);
    return () => this.owners.delete(key);
  }

  private async provide(model: MonacoApi.editor.ITextModel, position: MonacoApi.Position): Promise<MonacoApi.languages.CompletionList> {
    const kernel = this.owners.get(model.uri.toString());
    if (!kernel) return { suggestions: [] };
    let answer;
    try {
      answer = await kernel.complete(model.getValue(), model.getOffsetAt(position));
    } catch {
      return { suggestions: [] };
    }
    if (model.isDisposed()) return { suggestions: [] };
    const start = model.getPositionAt(answer.from);
    const range = new this.monaco.Range(start.lineNumber, start.column, position.lineNumber, position.column);
    return {
      suggestions: answer.items.map((item) => ({
        label: item.label,
        kind: this.kindOf(item),
        detail: item.detail,
        insertText: item.label,
        range,
      })),
    };
  }

  private kindOf(item: NotebookCompletionItem): MonacoApi.languages.CompletionItemKind {
    const kinds = this.monaco.languages.CompletionItemKind;
    switch (item.kind) {
      case 'module':
        return kinds.Module;
      case 'module type':
        return kinds.Interface;
      case 'type':
        return kinds.Struct;
      case 'constructor':
        return kinds.Constructor;
      default:
        return item.detail?.includes('->') ? kinds.Function : kinds.Variable;
    }
  }
}
