// Recognises lines build tools print between compiler messages, so a multi-line message is not glued to them.

const TOOLS = 'g?make(?:\\[\\d+\\])?|dune|ocamlfind|ocamlc(?:\\.opt)?|ocamlopt(?:\\.opt)?|ocamldep|mirage|opam|gcc|cc|clang|ld|ar|as|collect2';
/** `make: *** [Makefile:3: all] Error 2`, `ocamlfind: ...`, `collect2: error: ...`. */
const TOOL_SAYS = new RegExp(`^(?:${TOOLS}): `);
/** A command line make echoes before running it, e.g. `ocamlfind ocamlc -c src/x.ml`. */
const COMMAND_ECHO = new RegExp(`^(?:${TOOLS})(?: |$)`);
/** Another compiler's `file:line:` diagnostic, dune's `-> required by` and `(cd _build/...` lines. */
const OTHER = /^(?:[^\s:"]+:\d+(?::\d+)?: |\s*-> required by |\(cd |Command exited with code )/;

export function isToolNoise(line: string): boolean {
  return TOOL_SAYS.test(line) || COMMAND_ECHO.test(line) || OTHER.test(line);
}
