// Tells Monaco where its web workers are: bundled files served from our own origin (no CDN, no blob, no eval).
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

export function installMonacoEnvironment(): void {
  window.MonacoEnvironment = {
    getWorker(_workerId, label) {
      return label === 'json' ? new JsonWorker() : new EditorWorker();
    },
  };
}
