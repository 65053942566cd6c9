(* mirage >= 4.5.0 & < 4.9.0 *)
(* Declares the unikernel: a TCP/IP stack on the target's network device, handed to the Echo module. *)
open Mirage

let main = main "Unikernel.Echo" (stackv4v6 @-> job)

(* generic_stackv4v6 gives the image its network arguments: --ipv4=ADDRESS/PREFIX, --ipv4-gateway=..., --ipv6=... *)
let stack = generic_stackv4v6 default_network
let () = register "echo" [ main $ stack ]
