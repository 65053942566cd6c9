// Renderer entry: connect to the backend over whichever transport loaded us, then start the workbench.
import '@vscode/codicons/dist/codicon.css';
import './styles/workbench.css';
import { connectBackend } from './transport/connect-backend';
import { Workbench } from './workbench/workbench';

async function boot(): Promise<void> {
  const root = document.getElementById('workbench')!;
  try {
    const backend = await connectBackend();
    await new Workbench(root, backend).start();
  } catch (error) {
    root.replaceChildren();
    const message = document.createElement('div');
    message.className = 'boot-error';
    message.setAttribute('role', 'alert');
    message.textContent = `Mirador could not start: ${(error as Error).message}.`;
    root.append(message);
  }
}

void boot();
