// Tokenizes OCaml with Monaco's real Monarch lexer and the grammar from extensions/ocaml.
import { describe, expect, it } from 'vitest';
import { MonarchHarness, readGrammar } from './monarch-harness';

const ocaml = new MonarchHarness('ocaml', readGrammar('ocaml/syntaxes/ocaml.monarch.json'));

describe('OCaml grammar: comments', () => {
  it('keeps nested comments open until the outermost closes', () => {
    expect(ocaml.line('(* a (* b *) c *) x')).toEqual([
      ['(* a (* b *) c *)', 'comment'],
      ['x', 'identifier'],
    ]);
  });

  it('does not end a comment at *) inside a string in the comment', () => {
    expect(ocaml.line('(* say "*)" here *) y')).toEqual([
      ['(* say "*)" here *)', 'comment'],
      ['y', 'identifier'],
    ]);
  });

  it('does not end a comment at *) inside a quoted string, nor start a string at a quote character', () => {
    expect(ocaml.line(`(* {|*)|} and '"' *) z`)).toEqual([
      [`(* {|*)|} and '"' *)`, 'comment'],
      ['z', 'identifier'],
    ]);
  });

  it('carries a comment across lines', () => {
    const lines = ocaml.tokenize('(* first\n (* nested *)\nlast *) let');
    expect(lines.map((line) => line.map((t) => `${t.text}|${t.type}`))).toEqual([
      ['(* first|comment'],
      [' (* nested *)|comment'],
      ['last *)|comment', ' |white', 'let|keyword'],
    ]);
  });

  it('tells doc comments from comments, and (**) and (*** from doc comments', () => {
    expect(ocaml.line('(** Doc. *) (**) (*** banner *)')).toEqual([
      ['(** Doc. *)', 'comment.doc'],
      ['(**)', 'comment'],
      ['(*** banner *)', 'comment'],
    ]);
  });
});

describe('OCaml grammar: strings and characters', () => {
  it('marks escapes inside strings and flags unknown ones', () => {
    expect(ocaml.line(String.raw`"a\n\"\\\065\x41\u{1F600}b" "\q"`)).toEqual([
      ['"a', 'string'],
      [String.raw`\n\"\\\065\x41\u{1F600}`, 'string.escape'],
      ['b"', 'string'],
      ['"', 'string'],
      [String.raw`\q`, 'string.escape.invalid'],
      ['"', 'string'],
    ]);
  });

  it('continues a string after a backslash at the end of a line', () => {
    const lines = ocaml.tokenize('let s = "one \\\n   two" in s');
    expect(lines[0].slice(-2)).toEqual([
      { text: '"one ', type: 'string' },
      { text: '\\', type: 'string.escape' },
    ]);
    expect(lines[1].map((t) => [t.text, t.type])).toEqual([
      ['   two"', 'string'],
      [' ', 'white'],
      ['in', 'keyword'],
      [' ', 'white'],
      ['s', 'identifier'],
    ]);
  });

  it('reads quoted strings up to the delimiter with the same id', () => {
    expect(ocaml.line('{|x "y|} {foo|a|}b|foo} z')).toEqual([
      ['{|x "y|}', 'string'],
      ['{foo|a|}b|foo}', 'string'],
      ['z', 'identifier'],
    ]);
  });

  it('keeps a quoted string open across lines', () => {
    const lines = ocaml.tokenize('let html = {html|<p>\n|}</p>\n|html} in');
    expect(lines.map((line) => line.map((t) => t.type))).toEqual([
      ['keyword', 'white', 'identifier', 'white', 'operator', 'white', 'string'],
      ['string'],
      ['string', 'white', 'keyword'],
    ]);
  });

  it("tells a character literal from a type variable: let f (x : 'a) = 'a'", () => {
    expect(ocaml.line("let f (x : 'a) = 'a'")).toEqual([
      ['let', 'keyword'],
      ['f', 'identifier'],
      ['(', 'delimiter.parenthesis'],
      ['x', 'identifier'],
      [':', 'operator'],
      ["'a", 'type.variable'],
      [')', 'delimiter.parenthesis'],
      ['=', 'operator'],
      ["'a'", 'string.char'],
    ]);
  });

  it('reads escaped characters and weak and universally quantified type variables', () => {
    expect(ocaml.line(String.raw`'\n' '\'' '\x41' '\065' '"' '_weak1 'a. 'a`)).toEqual([
      [String.raw`'\n'`, 'string.char'],
      [String.raw`'\''`, 'string.char'],
      [String.raw`'\x41'`, 'string.char'],
      [String.raw`'\065'`, 'string.char'],
      [`'"'`, 'string.char'],
      ["'_weak1", 'type.variable'],
      ["'a", 'type.variable'],
      ['.', 'delimiter'],
      ["'a", 'type.variable'],
    ]);
  });
});

describe('OCaml grammar: words', () => {
  it('knows keywords but not identifiers that start with one', () => {
    expect(ocaml.line('let letter = match_ in done_ effect')).toEqual([
      ['let', 'keyword'],
      ['letter', 'identifier'],
      ['=', 'operator'],
      ['match_', 'identifier'],
      ['in', 'keyword'],
      ['done_', 'identifier'],
      ['effect', 'keyword'],
    ]);
  });

  it('highlights every OCaml keyword', () => {
    const keywords =
      'and as assert begin class constraint do done downto else end exception external false for fun function functor if in include inherit initializer lazy let match method module mutable new nonrec object of open private rec sig struct then to true try type val virtual when while with';
    expect(ocaml.line(keywords)).toEqual(keywords.split(' ').map((word) => [word, 'keyword']));
  });

  it('marks keyword operators', () => {
    expect(ocaml.line('a mod b land c lor d lxor e lsl f lsr g asr h or i').filter(([, t]) => t !== 'identifier')).toEqual([
      ['mod', 'keyword.operator'],
      ['land', 'keyword.operator'],
      ['lor', 'keyword.operator'],
      ['lxor', 'keyword.operator'],
      ['lsl', 'keyword.operator'],
      ['lsr', 'keyword.operator'],
      ['asr', 'keyword.operator'],
      ['or', 'keyword.operator'],
    ]);
  });

  it('tells capitalised modules and constructors from values, and polymorphic variants from both', () => {
    expect(ocaml.line('Lwt.return (Some `Foo) |> Mirage_time.sleep_ns')).toEqual([
      ['Lwt', 'type.identifier'],
      ['.', 'delimiter'],
      ['return', 'identifier'],
      ['(', 'delimiter.parenthesis'],
      ['Some', 'type.identifier'],
      ['`Foo', 'type.identifier.variant'],
      [')', 'delimiter.parenthesis'],
      ['|>', 'operator'],
      ['Mirage_time', 'type.identifier'],
      ['.', 'delimiter'],
      ['sleep_ns', 'identifier'],
    ]);
  });

  it('marks labels and optional arguments, with the colon when it belongs to them', () => {
    expect(ocaml.line('f ~x ~y:1 ?z ?w:None x::xs')).toEqual([
      ['f', 'identifier'],
      ['~x', 'variable.parameter'],
      ['~y:', 'variable.parameter'],
      ['1', 'number'],
      ['?z', 'variable.parameter'],
      ['?w:', 'variable.parameter'],
      ['None', 'type.identifier'],
      ['x', 'identifier'],
      ['::', 'operator'],
      ['xs', 'identifier'],
    ]);
  });

  it('reads binding operators as keywords', () => {
    expect(ocaml.line('let* x = a and* y = b in let+ z = c in z').filter(([, t]) => t === 'keyword')).toEqual([
      ['let*', 'keyword'],
      ['and*', 'keyword'],
      ['in', 'keyword'],
      ['let+', 'keyword'],
      ['in', 'keyword'],
    ]);
  });
});

describe('OCaml grammar: numbers', () => {
  it.each([
    ['1_000', 'number'],
    ['42L', 'number'],
    ['7l', 'number'],
    ['3n', 'number'],
    ['0x1F', 'number.hex'],
    ['0o17', 'number.octal'],
    ['0b1010', 'number.binary'],
    ['1e-3', 'number.float'],
    ['3.14', 'number.float'],
    ['1.', 'number.float'],
    ['6.02E+23', 'number.float'],
    ['0x1p-3', 'number.float'],
    ['0x1.8p3', 'number.float'],
  ])('%s is one %s token', (literal, type) => {
    expect(ocaml.line(literal)).toEqual([[literal, type]]);
  });
});

describe('OCaml grammar: attributes, extensions and directives', () => {
  it('marks attributes including their closing bracket, with nested brackets inside', () => {
    expect(ocaml.line('type t = A [@@deriving show { with_path = false }] [@@@warning "-32"] [@inline]')).toEqual([
      ['type', 'keyword'],
      ['t', 'identifier'],
      ['=', 'operator'],
      ['A', 'type.identifier'],
      ['[@@deriving', 'annotation'],
      ['show', 'identifier'],
      ['{', 'delimiter.curly'],
      ['with_path', 'identifier'],
      ['=', 'operator'],
      ['false', 'keyword'],
      ['}', 'delimiter.curly'],
      [']', 'annotation'],
      ['[@@@warning', 'annotation'],
      ['"-32"', 'string'],
      [']', 'annotation'],
      ['[@inline]', 'annotation'],
    ]);
  });

  it('marks extension nodes and keywords with an extension', () => {
    expect(ocaml.line('let%lwt x = [%lwt f [1]] in match%lwt y with _ -> ()')).toEqual([
      ['let', 'keyword'],
      ['%lwt', 'annotation.extension'],
      ['x', 'identifier'],
      ['=', 'operator'],
      ['[%lwt', 'annotation.extension'],
      ['f', 'identifier'],
      ['[', 'delimiter.square'],
      ['1', 'number'],
      [']', 'delimiter.square'],
      [']', 'annotation.extension'],
      ['in', 'keyword'],
      ['match', 'keyword'],
      ['%lwt', 'annotation.extension'],
      ['y', 'identifier'],
      ['with', 'keyword'],
      ['_', 'identifier'],
      ['->', 'operator'],
      ['()', 'delimiter.parenthesis'],
    ]);
  });

  it('marks toplevel directives only at the start of a line', () => {
    expect(ocaml.line('#require "lwt.unix";;')).toEqual([
      ['#require', 'keyword.directive'],
      ['"lwt.unix"', 'string'],
      [';;', 'delimiter'],
    ]);
    expect(ocaml.line('obj#require')).toEqual([
      ['obj', 'identifier'],
      ['#', 'operator'],
      ['require', 'identifier'],
    ]);
  });

  it('marks array brackets', () => {
    expect(ocaml.line('[| 1; 2 |]')).toEqual([
      ['[|', 'delimiter.array'],
      ['1', 'number'],
      [';', 'delimiter'],
      ['2', 'number'],
      ['|]', 'delimiter.array'],
    ]);
  });
});

describe('OCaml grammar: real MirageOS code', () => {
  const configMl = `(* mirage >= 4.5.0 & < 4.7.0 *)
open Mirage

let port =
  let doc = Key.Arg.info ~doc:"The TCP port on which to listen." [ "port" ] in
  Key.(create "port" Arg.(opt int 8080 doc))

let main =
  main ~keys:[ key port ] ~packages:[ package "duration" ] "Unikernel.Main"
    (stackv4v6 @-> job)

let stack = generic_stackv4v6 default_network
let () = register "hello" [ main $ stack ]
`;
  const unikernelMl = `open Lwt.Infix

(** A TCP echo server. *)
module Main (S : Tcpip.Stack.V4V6) = struct
  let log_src = Logs.Src.create "echo" ~doc:"Echo server"
  module Log = (val Logs.src_log log_src : Logs.LOG)

  let rec echo flow =
    S.TCP.read flow >>= function
    | Ok \`Eof -> Log.info (fun f -> f "Closing connection!"); Lwt.return_unit
    | Error e ->
        Log.warn (fun f -> f "Error reading: %a" S.TCP.pp_error e);
        Lwt.return_unit
    | Ok (\`Data b) -> (
        S.TCP.write flow b >>= function
        | Ok () -> echo flow
        | Error _ -> S.TCP.close flow)

  let start s =
    let port = Key_gen.port () in
    S.TCP.listen (S.tcp s) ~port (fun flow ->
        let dst, dst_port = S.TCP.dst flow in
        Log.info (fun f -> f "new connection from %a:%d\\n" Ipaddr.pp dst dst_port);
        echo flow);
    S.listen s [@@ocaml.warning "-32"]
end
`;

  it('tokenizes config.ml without invalid tokens', () => {
    expect(ocaml.invalid(configMl)).toEqual([]);
    expect(ocaml.line('    (stackv4v6 @-> job)')).toEqual([
      ['(', 'delimiter.parenthesis'],
      ['stackv4v6', 'identifier'],
      ['@->', 'operator'],
      ['job', 'identifier'],
      [')', 'delimiter.parenthesis'],
    ]);
  });

  it('tokenizes unikernel.ml without invalid tokens and ends outside any comment or string', () => {
    expect(ocaml.invalid(unikernelMl)).toEqual([]);
    const lines = ocaml.tokenize(`${unikernelMl}let after = 1`);
    expect(lines[lines.length - 1].filter((t) => t.type !== 'white').map((t) => t.type)).toEqual([
      'keyword',
      'identifier',
      'operator',
      'number',
    ]);
  });
});
