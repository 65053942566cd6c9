// Problem matcher for gcc (and clang, and ld's undefined references): `x.c:12:5: error: ...` with `In file included from` context.
import type { BuildProblem } from '../../../api/build-protocol';
import type { ProblemMatcher } from './problem-matcher';

const DIAGNOSTIC = /^(.+?):(\d+):(?:(\d+):)? (fatal error|error|warning|note|remark): (.*)$/;
/** ld with debug info: `/src/link.c:3: undefined reference to `missing'`. */
const LINKER = /^(.+?):(\d+): ((?:undefined reference to|multiple definition of) .*)$/;
const INCLUDED_FROM = /^In file included from (.+?):(\d+)(?::\d+)?[:,]$/;
const INCLUDED_FROM_MORE = /^\s+from (.+?):(\d+)(?::\d+)?[:,]$/;

const SEVERITY: Record<string, BuildProblem['severity']> = {
  'fatal error': 'error',
  error: 'error',
  warning: 'warning',
  note: 'info',
  remark: 'info',
};

export function createGccMatcher(): ProblemMatcher {
  /** gcc prints the include chain once, before the first diagnostic in the header; later ones in that header share it. */
  let chain: string[] = [];
  let chainFile: string | undefined;
  let readingChain = false;

  const withChain = (file: string, message: string): string => {
    if (chain.length === 0) return message;
    if (chainFile === undefined) chainFile = file;
    if (chainFile !== file) {
      chain = [];
      chainFile = undefined;
      return message;
    }
    return `${message} (included from ${chain.join(', ')})`;
  };

  return {
    line(text, resolve) {
      const included = INCLUDED_FROM.exec(text);
      if (included) {
        chain = [`${included[1]}:${included[2]}`];
        chainFile = undefined;
        readingChain = true;
        return [];
      }
      const more = readingChain ? INCLUDED_FROM_MORE.exec(text) : null;
      if (more) {
        chain.push(`${more[1]}:${more[2]}`);
        return [];
      }
      readingChain = false;
      const diagnostic = DIAGNOSTIC.exec(text);
      if (diagnostic && !diagnostic[1]!.startsWith('<')) {
        const [, file, line, column, kind, message] = diagnostic;
        return [{
          file: resolve(file!),
          line: Number(line),
          column: column === undefined ? 1 : Math.max(1, Number(column)),
          severity: SEVERITY[kind!]!,
          message: withChain(file!, kind === 'fatal error' ? `fatal error: ${message}` : message!),
          source: 'gcc',
        }];
      }
      const linker = LINKER.exec(text);
      if (linker && !linker[1]!.includes(' ')) {
        return [{ file: resolve(linker[1]!), line: Number(linker[2]), column: 1, severity: 'error', message: linker[3]!, source: 'gcc' }];
      }
      return [];
    },
    end: () => [],
  };
}
