// The OCaml side of the notebook kernel: a driver run as a toplevel script, and the prelude every cell can use.
// Kept as source text so the built app needs no extra asset files; the kernel writes them to a temp dir at start.

/**
 * Runs the stock toplevel loop (Toploop.loop) with three hooks: cells arrive on stdin as `<byte length>\n<text>` and are fed
 * to the lexer up to each `;;` (the loop drops buffered input after a phrase); values, exceptions and compile errors leave
 * on stdout as frames `\0<nonce> <kind> [args] <byte length>\n<payload>`, after flushing the cell's own output so order
 * holds; a line directive before each cell makes error positions count from the cell's first line.
 * Between cells, `complete <byte length>\n<prefix>` asks for completions, answered by a `completion` frame of
 * `name\tkind\tdetail` lines. The cells' own stdin is /dev/null: the protocol keeps a private copy of the pipe.
 */
export const DRIVER_ML = String.raw`(* Mirador notebook kernel driver: runs the stock toplevel loop on cells framed on stdin, answering in framed messages. *)
#directory "+compiler-libs";;
#load "unix.cma";;
#use "topfind";;
(* topfind removes compiler-libs from the path again; the driver needs it. *)
#directory "+compiler-libs";;
Topfind.don't_load [ "unix" ];;

let nonce = try Sys.getenv "MIRADOR_KERNEL_NONCE" with Not_found -> "mirador"
let prelude = Sys.argv.(1)

(* Cells come on a private copy of the original stdin; fd 0 becomes /dev/null, so a cell that reads stdin gets
   End_of_file at once instead of eating the next cell. *)
let protocol = Unix.in_channel_of_descr (Unix.dup Unix.stdin)
let () =
  let null = Unix.openfile "/dev/null" [ Unix.O_RDONLY ] 0 in
  Unix.dup2 null Unix.stdin;
  Unix.close null

let frame kind payload =
  Format.pp_print_flush Format.std_formatter ();
  flush stdout;
  (* A sync mark on stderr first: the kernel holds this frame until stderr has been read up to here, so order holds. *)
  Format.pp_print_flush Format.err_formatter ();
  prerr_string ("\000" ^ nonce ^ " sync\n");
  flush stderr;
  print_string (Printf.sprintf "\000%s %s %d\n" nonce kind (String.length payload));
  print_string payload;
  flush stdout

let flush_streams () =
  Format.pp_print_flush Format.std_formatter ();
  Format.pp_print_flush Format.err_formatter ();
  flush stdout;
  flush stderr

(* The cell being run, what is left of it, and whether it has failed (the rest of it is then skipped). *)
let pending = ref ""
let offset = ref 0
let failed = ref false
let fresh_phrase = ref false
let phrase_line = ref 0
let muted = ref true (* until the banner is past *)
let threads_loaded = ref false

let has_line_starting_with prefixes text =
  List.exists (fun line -> List.exists (fun prefix -> String.length line >= String.length prefix && String.sub line 0 (String.length prefix) = prefix) prefixes)
    (String.split_on_char '\n' text)

(* The loop prints compile errors, warnings and "Interrupted." here, one report per flush. *)
let report = Buffer.create 256
let report_ppf =
  Format.make_formatter (Buffer.add_substring report)
    (fun () ->
      let text = Buffer.contents report in
      Buffer.clear report;
      let banner = String.length text > 0 && String.trim text <> "" && String.sub (String.trim text) 0 (min 13 (String.length (String.trim text))) = "OCaml version" in
      if String.trim text <> "" && not !muted && not banner then begin
        flush_streams ();
        if has_line_starting_with [ "Warning"; "Alert" ] text then frame "warning" text
        else begin failed := true; frame "error" text end
      end)

let silently phrase =
  muted := true;
  let ok = try Toploop.execute_phrase false report_ppf phrase with _ -> false in
  Format.pp_print_flush report_ppf ();
  muted := false;
  ok

let expression loc desc = { Parsetree.pexp_desc = desc; pexp_loc = loc; pexp_loc_stack = []; pexp_attributes = [] }
let ident loc path = expression loc (Parsetree.Pexp_ident { Asttypes.txt = path; loc })
let apply loc f e = expression loc (Parsetree.Pexp_apply (f, [ (Asttypes.Nolabel, e) ]))
let eval loc e = Parsetree.Ptop_def [ { Parsetree.pstr_desc = Parsetree.Pstr_eval (e, []); pstr_loc = loc } ]
let lwt_main_run loc = ident loc (Longident.Ldot (Longident.Lident "Lwt_main", "run"))

(* "fun () -> e": typed but never run, so a trial costs no side effect. *)
let unevaluated loc e =
  let unit_pattern = { Parsetree.ppat_desc = Parsetree.Ppat_construct ({ Asttypes.txt = Longident.Lident "()"; loc }, None); ppat_loc = loc; ppat_loc_stack = []; ppat_attributes = [] } in
  eval loc (expression loc (Parsetree.Pexp_fun (Asttypes.Nolabel, None, unit_pattern, e)))

let not_a_promise loc =
  { Parsetree.ptyp_desc = Parsetree.Ptyp_constr ({ Asttypes.txt = Longident.Lident "unit"; loc }, []); ptyp_loc = loc; ptyp_loc_stack = []; ptyp_attributes = [] }

(* The first package of a #require argument ("a, b c") that findlib does not know, with findlib's reason. *)
let missing_package names =
  let packages = List.filter (fun name -> name <> "") (String.split_on_char ' ' (String.map (fun c -> if c = ',' || c = '\t' then ' ' else c) names)) in
  List.fold_left
    (fun found name ->
      match found with
      | Some _ -> found
      | None -> (
        try ignore (Findlib.package_deep_ancestors !Topfind.predicates [ name ]); None with
        | Findlib.No_such_package (package, reason) -> Some (package, reason)
        | _ -> None))
    None packages

(* Completion. Env is not reachable from a toplevel script, so names come from what the toplevel itself prints:
   #show_module's signature (captured, never printed) and the definitions the cells made, remembered as they print. *)
let ghost = { Location.loc_start = Lexing.dummy_pos; loc_end = Lexing.dummy_pos; loc_ghost = true }
let defined : (string, string * string) Hashtbl.t = Hashtbl.create 64
let opened = ref [ Longident.Lident "Stdlib" ]

let single_line printer value =
  let buffer = Buffer.create 80 in
  let ppf = Format.formatter_of_buffer buffer in
  Format.pp_set_margin ppf 100000;
  printer ppf value;
  Format.pp_print_flush ppf ();
  Buffer.contents buffer

let entry_of_item = function
  | Outcometree.Osig_value value -> Some (value.Outcometree.oval_name, "value", single_line !Toploop.print_out_type value.Outcometree.oval_type)
  | Outcometree.Osig_module (name, _, _) -> Some (name, "module", "")
  | Outcometree.Osig_modtype (name, _) -> Some (name, "module type", "")
  | Outcometree.Osig_type (declaration, _) -> Some (declaration.Outcometree.otype_name, "type", "")
  | Outcometree.Osig_typext (extension, _) -> Some (extension.Outcometree.oext_name, "constructor", "")
  | _ -> None

let remember_definitions items =
  List.iter (fun (item, _) -> match entry_of_item item with Some (name, kind, detail) -> Hashtbl.replace defined name (kind, detail) | None -> ()) items

let members lid =
  let captured = ref [] in
  let printer = !Toploop.print_out_signature in
  Format.pp_print_flush Format.std_formatter ();
  let output = Format.pp_get_formatter_out_functions Format.std_formatter () in
  Toploop.print_out_signature := (fun _ items -> captured := items @ !captured);
  Format.pp_set_formatter_out_functions Format.std_formatter { output with Format.out_string = (fun _ _ _ -> ()); out_flush = ignore };
  let directive = Parsetree.Ptop_dir { pdir_name = { Asttypes.txt = "show_module"; loc = ghost }; pdir_arg = Some { Parsetree.pdira_desc = Parsetree.Pdir_ident lid; pdira_loc = ghost }; pdir_loc = ghost } in
  ignore (silently directive);
  Format.pp_print_flush Format.std_formatter ();
  Format.pp_set_formatter_out_functions Format.std_formatter output;
  Toploop.print_out_signature := printer;
  List.concat_map (function Outcometree.Osig_module (_, Outcometree.Omty_signature items, _) -> List.filter_map entry_of_item items | _ -> []) !captured

let longident_of path =
  let parts = String.split_on_char '.' path in
  if List.for_all (fun part -> part <> "" && part.[0] >= 'A' && part.[0] <= 'Z') parts then
    match parts with
    | first :: rest -> Some (List.fold_left (fun lid part -> Longident.Ldot (lid, part)) (Longident.Lident first) rest)
    | [] -> None
  else None

let starts_with prefix name = String.length name >= String.length prefix && String.sub name 0 (String.length prefix) = prefix

let completions text =
  let qualifier, stem =
    match String.rindex_opt text '.' with
    | Some i -> (Some (String.sub text 0 i), String.sub text (i + 1) (String.length text - i - 1))
    | None -> (None, text) in
  let candidates =
    match qualifier with
    | Some path -> (match longident_of path with Some lid -> members lid | None -> [])
    | None -> Hashtbl.fold (fun name (kind, detail) found -> (name, kind, detail) :: found) defined [] @ List.concat_map members !opened in
  let seen = Hashtbl.create 64 in
  let matching =
    List.filter (fun (name, _, _) -> starts_with stem name && (not (Hashtbl.mem seen name)) && (Hashtbl.add seen name (); true)) candidates in
  let rec take n = function [] -> [] | _ when n = 0 -> [] | x :: rest -> x :: take (n - 1) rest in
  String.concat "" (List.map (fun (name, kind, detail) -> Printf.sprintf "%s\t%s\t%s\n" name kind detail) (take 300 (List.sort compare matching)))

let remember_opens = function
  | Parsetree.Ptop_def items ->
    List.iter
      (function
        | { Parsetree.pstr_desc = Parsetree.Pstr_open { popen_expr = { pmod_desc = Parsetree.Pmod_ident { txt; _ }; _ }; _ }; _ } -> opened := txt :: !opened
        | _ -> ())
      items
  | _ -> ()

let original_printer = !Toploop.print_out_phrase
let () =
  Toploop.print_out_phrase :=
    fun _ phrase ->
      flush_streams ();
      let text = Format.asprintf "%a" original_printer phrase in
      match phrase with
      | Outcometree.Ophr_exception _ -> failed := true; frame ("exception " ^ string_of_int !phrase_line) text
      | Outcometree.Ophr_signature items -> remember_definitions items; if text <> "" then frame "value" text
      | _ -> if text <> "" then frame "value" text

(* As ocaml-jupyter does: a top-level expression of type _ Lwt.t is run with Lwt_main.run and its result shown.
   Two silent trials: it types under Lwt_main.run, and it is not merely polymorphic (failwith, exit, Obj.magic). *)
let run_promises phrase =
  match phrase with
  | Parsetree.Ptop_def [ { pstr_desc = Parsetree.Pstr_eval (e, attributes); pstr_loc } ] ->
    let loc = e.Parsetree.pexp_loc in
    let wrapped = apply loc (lwt_main_run loc) e in
    if silently (unevaluated loc wrapped)
       && not (silently (unevaluated loc (expression loc (Parsetree.Pexp_constraint (e, not_a_promise loc)))))
       && not (silently (unevaluated loc (expression loc (Parsetree.Pexp_constraint (e, { (not_a_promise loc) with ptyp_desc = Parsetree.Ptyp_constr ({ Asttypes.txt = Longident.Lident "int"; loc }, []) })))))
    then Parsetree.Ptop_def [ { pstr_desc = Parsetree.Pstr_eval (wrapped, attributes); pstr_loc } ]
    else phrase
  | Parsetree.Ptop_dir { pdir_name = { txt = "require"; _ }; pdir_arg = Some { pdira_desc = Parsetree.Pdir_string names; _ }; pdir_loc }
    when missing_package names <> None ->
    (* Topfind only prints "No such package" and carries on; in a notebook that must stop the cell as an error. *)
    let name, reason = Option.get (missing_package names) in
    let start = pdir_loc.loc_start and stop = pdir_loc.loc_end in
    Format.fprintf report_ppf "Line %d, characters %d-%d:@\nError: No such package: %s%s. %s@." start.pos_lnum (start.pos_cnum - start.pos_bol)
      (if stop.pos_lnum = start.pos_lnum then stop.pos_cnum - stop.pos_bol else start.pos_cnum - start.pos_bol + 1) name
      (if reason = "" then "" else " (" ^ reason ^ ")")
      "ocamlfind list shows the installed packages; install it with opam or your system's packages.";
    Parsetree.Ptop_def []
  | Parsetree.Ptop_dir { pdir_name = { txt = "require"; _ }; pdir_loc; _ } when not !threads_loaded ->
    (* lwt.unix and friends need the threads library loaded first. *)
    threads_loaded := silently (Parsetree.Ptop_dir { pdir_name = { txt = "thread"; loc = pdir_loc }; pdir_arg = None; pdir_loc });
    phrase
  | Parsetree.Ptop_dir { pdir_name = { txt = "thread"; _ }; _ } -> threads_loaded := true; phrase
  | _ -> phrase

let line_of = function
  | Parsetree.Ptop_def ({ pstr_loc; _ } :: _) -> pstr_loc.loc_start.pos_lnum
  | Parsetree.Ptop_dir { pdir_loc; _ } -> pdir_loc.loc_start.pos_lnum
  | Parsetree.Ptop_def [] -> 0

let original_parser = !Toploop.parse_toplevel_phrase
let () =
  Toploop.parse_toplevel_phrase :=
    fun lexbuf ->
      fresh_phrase := true;
      let phrase = original_parser lexbuf in
      fresh_phrase := false;
      phrase_line := line_of phrase;
      remember_opens phrase;
      run_promises phrase

let finish_cell () =
  flush_streams ();
  prerr_string ("\000" ^ nonce ^ " end\n");
  flush stderr;
  frame "done" ""

let rec read_cell () =
  (* An interrupt that arrives between cells must not hit the next one. *)
  Sys.set_signal Sys.sigint Sys.Signal_ignore;
  match String.split_on_char ' ' (input_line protocol) with
  | [ "complete"; length ] ->
    frame "completion" (completions (really_input_string protocol (int_of_string length)));
    read_cell ()
  | header :: _ -> (match really_input_string protocol (int_of_string header) with code -> start_cell code | exception End_of_file -> exit 0)
  | [] -> exit 0
  | exception End_of_file -> exit 0

and start_cell code =
  Sys.catch_break true;
  muted := false;
  (* The line directive makes the lexer count lines from 1 in every cell, so errors name the cell's own lines. *)
  pending := "\n# 1 \"//toplevel//\"\n" ^ code ^ "\n;;";
  offset := 0;
  failed := false

(* Feeds the lexer up to the next ";;" at a time: the loop drops buffered input after each phrase. *)
let rec feed _prompt buffer length =
  let left = String.length !pending - !offset in
  if left = 0 || !failed then begin
    if !fresh_phrase || !failed then begin
      if !pending <> "" then finish_cell ();
      read_cell ();
      feed _prompt buffer length
    end else (0, true)
  end else begin
    let stop = match String.index_from_opt !pending !offset ';' with
      | Some i when i + 1 < String.length !pending && !pending.[i + 1] = ';' -> i + 2 - !offset
      | Some i -> i + 1 - !offset
      | None -> left in
    let count = min stop length in
    Bytes.blit_string !pending !offset buffer 0 count;
    offset := !offset + count;
    fresh_phrase := false;
    (count, false)
  end;;

let () =
  Toploop.read_interactive_input := feed;
  Toploop.add_hook (function
    | Toploop.After_setup ->
      ignore (Toploop.use_silently report_ppf prelude);
      Hashtbl.replace defined "Mirador" ("module", "Mirador.display ~mime data: rich output");
      (* Tells the kernel the toplevel got this far: one that dies before is broken, not crashed by a cell. *)
      frame "ready" ""
    | _ -> ());
  Toploop.loop report_ppf
`;

/** Loaded into the toplevel environment after setup: `Mirador.display` for rich outputs. */
export const PRELUDE_ML = String.raw`(* Mirador notebook prelude: what every cell can use (topfind, and Mirador.display for rich output). *)

module Mirador = struct
  let nonce = try Sys.getenv "MIRADOR_KERNEL_NONCE" with Not_found -> "mirador"

  let frame kind payload =
    Format.pp_print_flush Format.std_formatter ();
    flush stdout;
    Format.pp_print_flush Format.err_formatter ();
    prerr_string ("\000" ^ nonce ^ " sync\n");
    flush stderr;
    print_string (Printf.sprintf "\000%s %s %d\n" nonce kind (String.length payload));
    print_string payload;
    flush stdout

  (* Rich output, stored as a Jupyter display_data: text/markdown, text/html, image/svg+xml, image/png (raw bytes). *)
  let display ?(mime = "text/plain") data =
    frame ("display " ^ String.map (fun c -> if c = ' ' || c = '\n' then '_' else c) mime) data

  let display_file ~mime path =
    let channel = open_in_bin path in
    let data = really_input_string channel (in_channel_length channel) in
    close_in channel;
    display ~mime data
end;;
`;
