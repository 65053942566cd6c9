// `%%file PATH`: writes the cell's body to a file of the project folder (never outside it), like Jupyter's %%writefile.
import path from 'node:path';
import { MiradorError } from '../../services/mirador-error';
import { FileService } from '../../services/workspace/file-service';
import { WorkspaceRoot } from '../../services/workspace/workspace-root';
import { MagicFailure, requireWorkspace, stdout, type Magic } from '../magic-context';

export const fileMagic: Magic = async (args, context, body) => {
  if (args.length !== 1) throw new MagicFailure('UsageError', 'usage: %%file PATH, then the file’s text on the following lines (PATH is relative to the project folder)');
  const workspace = requireWorkspace(context, '%%file');
  try {
    const root = await WorkspaceRoot.open(workspace);
    const files = new FileService(root);
    const target = path.isAbsolute(args[0]!) ? path.relative(root.folder, args[0]!).split(path.sep).join('/') : args[0]!;
    const normal = root.normalize(target);
    if (normal === '') throw new MagicFailure('UsageError', '%%file needs a file name, not the project folder itself');
    const existed = await files.stat(normal).then(() => true, () => false);
    const parent = path.posix.dirname(normal);
    if (parent !== '.' && !(await files.stat(parent).then(() => true, () => false))) await files.createDirectory(parent);
    // Source files end with a newline (compilers warn otherwise); the cell usually does not.
    const text = body === '' || body.endsWith('\n') ? body : `${body}\n`;
    await files.writeFile({ path: normal, text });
    stdout(context, `${existed ? 'Overwrote' : 'Wrote'} ${normal} (${Buffer.byteLength(text)} bytes)\n`);
  } catch (error) {
    if (error instanceof MiradorError) throw new MagicFailure('FileError', error.message);
    throw error;
  }
};
