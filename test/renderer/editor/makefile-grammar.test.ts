// Tokenizes Makefiles with Monaco's real Monarch lexer and the grammar from extensions/make.
import { describe, expect, it } from 'vitest';
import { MonarchHarness, readGrammar } from './monarch-harness';

const make = new MonarchHarness('makefile', readGrammar('make/syntaxes/makefile.monarch.json'));

/** Non-white tokens of every line; lines end with "\n" here as in the editor, which the grammar relies on. */
function lines(text: string): [string, string][][] {
  return make.tokenize(text).map((line) => line.filter((t) => t.type !== 'white').map((t) => [t.text, t.type]));
}

describe('Makefile grammar', () => {
  it('reads each kind of assignment and a comment after the value', () => {
    expect(lines('CC ?= gcc\nCFLAGS += -O2 # opt\nSRC := a.c\nX = $(Y)\n')).toEqual([
      [
        ['CC', 'variable'],
        ['?=', 'operator'],
        [' gcc', 'text'],
      ],
      [
        ['CFLAGS', 'variable'],
        ['+=', 'operator'],
        [' -O2 ', 'text'],
        ['# opt', 'comment'],
      ],
      [
        ['SRC', 'variable'],
        [':=', 'operator'],
        [' a.c', 'text'],
      ],
      [
        ['X', 'variable'],
        ['=', 'operator'],
        [' ', 'text'],
        ['$(Y)', 'variable'],
      ],
      [],
    ]);
  });

  it('reads targets, prerequisites, special targets and order-only prerequisites', () => {
    expect(lines('.PHONY: all\nall: main.elf | build\n')).toEqual([
      [
        ['.PHONY', 'keyword'],
        [':', 'delimiter'],
        ['all', 'text'],
      ],
      [
        ['all', 'tag'],
        [':', 'delimiter'],
        ['main.elf', 'text'],
        ['|', 'operator'],
        ['build', 'text'],
      ],
      [],
    ]);
  });

  it('reads recipe lines with their prefix, automatic variables, references and continuations', () => {
    expect(lines('%.o: %.c\n\t@echo "CC $<"\n\t$(CC) -c $< -o $@ \\\n\t  $^\nnext: ;\n')).toEqual([
      [
        ['%.o', 'tag'],
        [':', 'delimiter'],
        ['%.c', 'text'],
      ],
      [
        ['@', 'keyword'],
        ['echo "CC ', 'text'],
        ['$<', 'variable.predefined'],
        ['"', 'text'],
      ],
      [
        ['$(CC)', 'variable'],
        [' -c ', 'text'],
        ['$<', 'variable.predefined'],
        [' -o ', 'text'],
        ['$@', 'variable.predefined'],
        [' ', 'text'],
        ['\\', 'string.escape'],
      ],
      [
        ['\t  ', 'text'],
        ['$^', 'variable.predefined'],
      ],
      [
        ['next', 'tag'],
        [':', 'delimiter'],
        [';', 'delimiter'],
      ],
      [],
    ]);
  });

  it('marks functions inside references and balances nested parentheses', () => {
    expect(lines('OBJ = $(patsubst %.c,%.o,$(SRC)) ${LIBS} $$HOME\n')[0]).toEqual([
      ['OBJ', 'variable'],
      ['=', 'operator'],
      [' ', 'text'],
      ['$(', 'variable'],
      ['patsubst', 'keyword'],
      ['%.c', 'variable'],
      [',', 'delimiter'],
      ['%.o', 'variable'],
      [',', 'delimiter'],
      ['$(SRC))', 'variable'],
      [' ', 'text'],
      ['${LIBS}', 'variable'],
      [' ', 'text'],
      ['$$', 'string.escape'],
      ['HOME', 'text'],
    ]);
  });

  it('reads conditionals, include and define blocks', () => {
    expect(lines('ifeq ($(DEBUG),1)\nexport PATH := /opt\nendif\n-include deps.mk\ndefine HELP\nUsage: $(T)\nendef\n')).toEqual([
      [
        ['ifeq', 'keyword'],
        ['(', 'delimiter'],
        ['$(DEBUG)', 'variable'],
        [',', 'delimiter'],
        ['1', 'text'],
        [')', 'delimiter'],
      ],
      [
        ['export', 'keyword'],
        ['PATH', 'variable'],
        [':=', 'operator'],
        [' /opt', 'text'],
      ],
      [['endif', 'keyword']],
      [
        ['-include', 'keyword'],
        ['deps.mk', 'text'],
      ],
      [
        ['define', 'keyword'],
        ['HELP', 'variable'],
      ],
      [
        ['Usage: ', 'text'],
        ['$(T)', 'variable'],
      ],
      [['endef', 'keyword']],
      [],
    ]);
  });

  it('tokenizes a real unikernel Makefile without invalid tokens', () => {
    const file = `# Build the unikernel with the mirage tool.
MIRAGE ?= mirage
TARGET ?= hvt
OCAMLFIND_IGNORE_DUPS_IN = $(shell opam var lib 2>/dev/null)

.PHONY: all configure build clean

all: build

configure:
	$(MIRAGE) configure -t $(TARGET)

build: configure
	@echo "building for $(TARGET)"
	$(MAKE) -C mirage depend && dune build

ifneq ($(TARGET),unix)
RUN = solo5-hvt --net:service=tap100 -- dist/hello.$(TARGET)
endif

clean:
	-$(MIRAGE) clean
	rm -rf _build dist $(wildcard *.log)
`;
    expect(make.invalid(file)).toEqual([]);
  });
});
