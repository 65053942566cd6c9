// gdb/MI output lines as gdb 13 writes them (taken from real sessions against QEMU), and malformed ones, parsed.
import { describe, expect, it } from 'vitest';
import { parseMiLine } from '../../../../main/debug/gdb/mi-output-parser';
import type { MiAsyncRecord, MiResultRecord, MiTuple } from '../../../../main/debug/gdb/mi-record';

function result(line: string): MiResultRecord {
  const record = parseMiLine(line);
  if (record.type !== 'result') throw new Error(`not a result record: ${JSON.stringify(record)}`);
  return record;
}

function asyncRecord(line: string): MiAsyncRecord {
  const record = parseMiLine(line);
  if (record.type !== 'exec' && record.type !== 'status' && record.type !== 'notify') throw new Error(`not an async record: ${JSON.stringify(record)}`);
  return record;
}

/** Plain objects for toEqual (tuples have no prototype). */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('parseMiLine: result records', () => {
  it('reads the token, the class and nested results of a breakpoint', () => {
    const record = result(
      '12^done,bkpt={number="1",type="breakpoint",disp="keep",enabled="y",addr="0x0010001e",func="kernel_main",file="kernel.c",fullname="/src/kernel.c",line="51",thread-groups=["i1"],times="0",original-location="kernel_main"}',
    );
    expect(record.token).toBe(12);
    expect(record.resultClass).toBe('done');
    expect(plain(record.results)).toEqual({
      bkpt: { number: '1', type: 'breakpoint', disp: 'keep', enabled: 'y', addr: '0x0010001e', func: 'kernel_main', file: 'kernel.c', fullname: '/src/kernel.c', line: '51', 'thread-groups': ['i1'], times: '0', 'original-location': 'kernel_main' },
    });
  });

  it('reads every result class, with and without results', () => {
    expect(result('^running')).toEqual({ type: 'result', resultClass: 'running', results: {} });
    expect(result('7^connected').token).toBe(7);
    expect(result('3^exit').resultClass).toBe('exit');
    expect(result('^done').resultClass).toBe('done');
  });

  it('unescapes an error message', () => {
    const record = result('5^error,msg="No symbol \\"nosuch\\" in current context."');
    expect(record.results.msg).toBe('No symbol "nosuch" in current context.');
    expect(result('^error,msg="Undefined MI command: frob",code="undefined-command"').results.code).toBe('undefined-command');
    expect(result('9^error,msg="Cannot execute this command while the target is running.\\nUse the \\"interrupt\\" command to stop the target\\nand then try again."').results.msg).toBe(
      'Cannot execute this command while the target is running.\nUse the "interrupt" command to stop the target\nand then try again.',
    );
  });

  it('keeps only the values of a list of results (frame=, frame=)', () => {
    const record = result(
      '^done,stack=[frame={level="0",addr="0x00100175",func="fibonacci",file="kernel.c",line="41",arch="i386"},frame={level="1",addr="0x0010001a",func="_start",file="boot.S",line="32",arch="i386"}]',
    );
    const stack = record.results.stack as MiTuple[];
    expect(stack).toHaveLength(2);
    expect(plain(stack[1])).toEqual({ level: '1', addr: '0x0010001a', func: '_start', file: 'boot.S', line: '32', arch: 'i386' });
  });

  it('reads lists of strings with empty ones, empty lists and tuples, lists of lists', () => {
    const names = result('^done,register-names=["eax","ecx","","eax_hi"]').results['register-names'];
    expect(names).toEqual(['eax', 'ecx', '', 'eax_hi']);
    expect(plain(result('^done,a=[],b={},c=[[],["x"],[{d="1"}]]').results)).toEqual({ a: [], b: {}, c: [[], ['x'], [{ d: '1' }]] });
  });

  it('reads disassembly grouped by source line (mode 5)', () => {
    const record = result(
      '^done,asm_insns=[src_and_asm_line={line="53",file="kernel.c",fullname="/src/kernel.c",line_asm_insn=[{address="0x0010002c",func-name="kernel_main",offset="14",opcodes="e8 b9 01 00 00",inst="call   0x1001ea <serial_init>"}]}]',
    );
    const group = (record.results.asm_insns as MiTuple[])[0]!;
    expect((group.line_asm_insn as MiTuple[])[0]!['func-name']).toBe('kernel_main');
    expect((group.line_asm_insn as MiTuple[])[0]!.inst).toBe('call   0x1001ea <serial_init>');
  });

  it('keeps the first of a repeated name, and a name like __proto__ as a plain key', () => {
    const record = result('^done,frame={level="0"},frame={level="1"},x={__proto__="p",constructor="c"}');
    expect(plain(record.results.frame)).toEqual({ level: '0' });
    const x = record.results.x as MiTuple;
    expect(x.__proto__).toBe('p');
    expect(Object.keys(x)).toEqual(['__proto__', 'constructor']);
  });
});

describe('parseMiLine: async records', () => {
  it('reads a breakpoint stop with its frame and arguments', () => {
    const record = asyncRecord(
      '*stopped,reason="breakpoint-hit",disp="keep",bkptno="1",frame={addr="0x0010001e",func="kernel_main",args=[{name="magic",value="732803074"},{name="mbi",value="0x9500"}],file="kernel.c",fullname="/src/kernel.c",line="51",arch="i386"},thread-id="1",stopped-threads="all"',
    );
    expect(record.type).toBe('exec');
    expect(record.asyncClass).toBe('stopped');
    expect(record.results.reason).toBe('breakpoint-hit');
    expect(plain((record.results.frame as MiTuple).args)).toEqual([{ name: 'magic', value: '732803074' }, { name: 'mbi', value: '0x9500' }]);
  });

  it('tells exec, status and notify records apart, with tokens', () => {
    expect(asyncRecord('*running,thread-id="all"')).toEqual({ type: 'exec', asyncClass: 'running', results: { 'thread-id': 'all' } });
    expect(asyncRecord('=thread-group-added,id="i1"').type).toBe('notify');
    expect(asyncRecord('=thread-exited,id="1",group-id="i1"').asyncClass).toBe('thread-exited');
    expect(asyncRecord('+download,section=".text",section-size="1000"').type).toBe('status');
    expect(asyncRecord('42*stopped,reason="end-stepping-range"').token).toBe(42);
    expect(asyncRecord('=cmd-param-changed,param="architecture",value="i386:x86-64"').results.value).toBe('i386:x86-64');
  });

  it('reads a stop at the reset vector (no reason) and a pause', () => {
    expect(plain(asyncRecord('*stopped,frame={addr="0x0000fff0",func="??",args=[],arch="i386"},thread-id="1",stopped-threads="all"').results)).toEqual({
      frame: { addr: '0x0000fff0', func: '??', args: [], arch: 'i386' },
      'thread-id': '1',
      'stopped-threads': 'all',
    });
    expect(asyncRecord('*stopped,reason="signal-received",signal-name="SIGINT",signal-meaning="Interrupt",frame={addr="0x0000fff0",func="??",args=[]},thread-id="1"').results['signal-name']).toBe('SIGINT');
  });
});

describe('parseMiLine: stream records and C strings', () => {
  it('reads console, target and log streams', () => {
    expect(parseMiLine('~"Breakpoint 1, kernel_main (magic=732803074) at kernel.c:51\\n"')).toEqual({ type: 'console', text: 'Breakpoint 1, kernel_main (magic=732803074) at kernel.c:51\n' });
    expect(parseMiLine('@"guest says hi"')).toEqual({ type: 'target', text: 'guest says hi' });
    expect(parseMiLine('&"Remote connection closed\\n"')).toEqual({ type: 'log', text: 'Remote connection closed\n' });
  });

  it('unescapes \\t \\" \\\\ \\e \\r \\a and unknown escapes', () => {
    expect(parseMiLine('~"51\\t{\\n"')).toEqual({ type: 'console', text: '51\t{\n' });
    expect(parseMiLine('~"a \\"quoted\\" \\\\ back"')).toEqual({ type: 'console', text: 'a "quoted" \\ back' });
    expect(parseMiLine('~"\\e[32mok\\e[0m\\r\\a"')).toEqual({ type: 'console', text: '\u001b[32mok\u001b[0m\r\u0007' });
    expect(parseMiLine('~"\\q"')).toEqual({ type: 'console', text: 'q' });
  });

  it('joins octal and hex escapes into UTF-8, and keeps raw UTF-8', () => {
    expect(parseMiLine('~"caf\\303\\251 \\360\\237\\232\\200\\n"')).toEqual({ type: 'console', text: 'café 🚀\n' });
    expect(parseMiLine('~"\\xc3\\xa9"')).toEqual({ type: 'console', text: 'é' });
    expect(parseMiLine('~"ünïcödé ✓ 🚀"')).toEqual({ type: 'console', text: 'ünïcödé ✓ 🚀' });
    expect(parseMiLine('~"\\0\\177"')).toEqual({ type: 'console', text: '\u0000\u007f' });
  });

  it('reads plain strings before, between and after escaped ones in one line', () => {
    const record = result('^done,a="0x10",b="x\\ty",c={d="plain",e="\\"q\\""},f=["","\\\\","z"],g="end"');
    expect(plain(record.results)).toEqual({ a: '0x10', b: 'x\ty', c: { d: 'plain', e: '"q"' }, f: ['', '\\', 'z'], g: 'end' });
  });

  it('reads back any text written the way gdb escapes it', () => {
    // gdb's printchar: quote and backslash escaped, control bytes as \n \t or octal; a character past ASCII either raw
    // (UTF-8 in the line) or, here at random, each of its bytes in octal.
    const octal = (bytes: Iterable<number>) => Array.from(bytes, (byte) => `\\${byte.toString(8).padStart(3, '0')}`).join('');
    const escape = (text: string, random: () => number) =>
      Array.from(text, (char) => {
        if (char === '"') return '\\"';
        if (char === '\\') return '\\\\';
        if (char === '\n') return '\\n';
        if (char === '\t') return '\\t';
        const code = char.codePointAt(0)!;
        if (code < 32 || code === 127 || (code >= 128 && random() < 0.5)) return octal(Buffer.from(char, 'utf8'));
        return char;
      }).join('');
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = ['a', 'Z', '0', ' ', '"', '\\', '\n', '\t', '\u0001', '\u007f', 'é', '✓', '🚀', '{', '}', '[', ']', ',', '='];
    for (let trial = 0; trial < 300; trial++) {
      const texts = Array.from({ length: 1 + Math.floor(random() * 6) }, () => Array.from({ length: Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
      const line = `^done,${texts.map((text, index) => (index % 2 ? `t${index}={v="${escape(text, random)}"}` : `t${index}=["${escape(text, random)}"]`)).join(',')}`;
      const record = result(line);
      texts.forEach((text, index) => {
        const value = record.results[`t${index}`] as MiTuple | string[];
        expect(index % 2 ? (value as MiTuple).v : (value as string[])[0], line).toBe(text);
      });
    }
  });
});

describe('parseMiLine: prompts and lines that are not MI', () => {
  it('reads the prompt with or without its blank, and drops a trailing CR', () => {
    expect(parseMiLine('(gdb) ')).toEqual({ type: 'prompt' });
    expect(parseMiLine('(gdb)')).toEqual({ type: 'prompt' });
    expect(parseMiLine('^done\r')).toEqual({ type: 'result', resultClass: 'done', results: {} });
  });

  it('keeps malformed and foreign lines as unrecognized, never throwing', () => {
    const cases = [
      'Hello from a program writing to the terminal',
      '',
      '^done,bkpt={number="1"',
      '^done,x="unterminated',
      '~"no end',
      '~"text" trailing',
      '12~"a token on a stream"',
      '^done,=nameless',
      '^done,x=bare',
      '^done,x="1"y="2"',
      '*',
      '^done,list=["a" "b"]',
    ];
    for (const line of cases) {
      const record = parseMiLine(line);
      expect(record, line).toMatchObject({ type: 'unrecognized', line });
      expect((record as { problem: string }).problem, line).not.toBe('');
    }
  });

  it('parses a long line (a full register dump) in linear time', () => {
    const values = Array.from({ length: 20_000 }, (_, index) => `{number="${index}",value="0x${index.toString(16)}"}`).join(',');
    const started = performance.now();
    const record = result(`^done,register-values=[${values}]`);
    expect((record.results['register-values'] as MiTuple[])[19_999]).toEqual(expect.objectContaining({ number: '19999' }));
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('parses a long line of plain strings ending in an escaped one in linear time', () => {
    const values = Array.from({ length: 20_000 }, (_, index) => `{number="${index}",value="0x${index.toString(16)}"}`).join(',');
    const started = performance.now();
    const record = result(`^done,register-values=[${values}],last="a\\tb"`);
    expect(record.results.last).toBe('a\tb');
    expect(performance.now() - started).toBeLessThan(500);
  });
});
