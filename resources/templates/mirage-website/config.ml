(* mirage >= 4.5.0 & < 4.9.0 *)
(* Declares the unikernel: the htdocs/ folder as a read-only key-value store, and a TCP/IP stack to serve it on. *)
open Mirage

let main = main "Unikernel.Website" (kv_ro @-> stackv4v6 @-> job)

(* generic_kv_ro reads htdocs/ from disk on unix and builds it into the image (crunch) on the other targets. *)
let htdocs = generic_kv_ro "htdocs"
let stack = generic_stackv4v6 default_network
let () = register "website" [ main $ htdocs $ stack ]
