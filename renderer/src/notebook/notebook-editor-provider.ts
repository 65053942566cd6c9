// Opens .ipynb files in the notebook editor; a file that is not a notebook opens as text, with the reason.
import { OpenAsTextInstead, type CustomEditor, type CustomEditorProvider } from '../editor/custom-editor';
import { BackendError } from '../transport/backend-client';
import { NotebookEditor, type NotebookEditorServices } from './notebook-editor';

export class NotebookEditorProvider implements CustomEditorProvider {
  readonly label = 'Notebook';

  constructor(private readonly services: NotebookEditorServices) {}

  matches(path: string): boolean {
    return path.toLowerCase().endsWith('.ipynb');
  }

  async open(path: string): Promise<CustomEditor> {
    let file;
    try {
      file = await this.services.backend.request('notebook/read', { path });
    } catch (error) {
      if (error instanceof BackendError && (error.code === 'invalid-params' || error.code === 'read-only')) throw new OpenAsTextInstead(error.message);
      throw error;
    }
    return new NotebookEditor(this.services, path, file);
  }
}
