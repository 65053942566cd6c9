(* mirage >= 4.5.0 & < 4.9.0 *)
(* Declares the unikernel: its one device (a clock to sleep on) and the module that receives it. *)
open Mirage

let main = main ~packages:[ package "duration" ] "Unikernel.Hello" (time @-> job)
let () = register "hello" [ main $ default_time ]
