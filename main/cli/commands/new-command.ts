// `mirador new --list` and `mirador new TEMPLATE DIR`: the project templates, and a new project folder from one.
import path from 'node:path';
import { MiradorError } from '../../services/mirador-error';
import { TemplateCatalog } from '../../services/templates/template-catalog';
import type { CliCommand } from '../cli-command';
import { CliError, UsageError } from '../cli-error';
import { parseCommandOptions } from '../parse-command-options';

export const newCommand: CliCommand = {
  async run(args, context) {
    const positionals = args.filter((arg) => !arg.startsWith('-'));
    const values = parseCommandOptions(args.filter((arg) => arg.startsWith('-')), { list: { type: 'boolean' } });
    const catalog = TemplateCatalog.forApp(context.appRoot);
    try {
      if (values.list === true) {
        if (positionals.length > 0) throw new UsageError('--list takes no TEMPLATE or DIR');
        const templates = await catalog.list();
        const width = Math.max(...templates.map((template) => template.name.length));
        for (const template of templates) context.stdout(`${template.name.padEnd(width)}  ${template.description}`);
        return 0;
      }
      const [template, directory, ...extra] = positionals;
      if (template === undefined || directory === undefined) {
        throw new UsageError(`missing ${template === undefined ? 'TEMPLATE and DIR' : 'DIR'} (mirador new --list shows the templates)`);
      }
      if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
      const created = await catalog.createProject(template, directory);
      context.stderr(`Created ${created.directory} from the ${template} template (${created.files.length} files). Next:`);
      // The path as the user gave it reads better than an absolute one in a command to copy.
      context.stderr(`  cd ${directory.includes(' ') ? JSON.stringify(directory) : directory}`);
      context.stderr('  mirador build');
      context.stderr('  mirador run');
      context.stderr(`README.md in ${path.basename(created.directory)} explains the project and its targets.`);
      context.stdout(created.directory);
      return 0;
    } catch (error) {
      if (error instanceof MiradorError) throw new CliError(error.message);
      throw error;
    }
  },
};
