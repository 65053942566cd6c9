(* The application: a TCP echo service; every connection gets back what it sends until it closes. *)
open Lwt.Infix
open Cmdliner

(* A runtime argument: `--port=N` on the unikernel's command line ("args" in .mirador/launch.json). *)
let port =
  let doc = Arg.info ~doc:"The TCP port the echo service listens on." [ "port" ] in
  Mirage_runtime.register_arg Arg.(value & opt int 7 doc)

module Echo (S : Tcpip.Stack.V4V6) = struct
  let rec echo flow =
    S.TCP.read flow >>= function
    | Ok `Eof -> S.TCP.close flow
    | Error e ->
        Logs.warn (fun f -> f "read error: %a" S.TCP.pp_error e);
        S.TCP.close flow
    | Ok (`Data data) -> (
        S.TCP.write flow data >>= function
        | Ok () -> echo flow
        | Error e ->
            Logs.warn (fun f -> f "write error: %a" S.TCP.pp_write_error e);
            S.TCP.close flow)

  let start stack =
    let port = port () in
    S.TCP.listen (S.tcp stack) ~port (fun flow ->
        let peer, peer_port = S.TCP.dst flow in
        Logs.info (fun f -> f "connection from %a:%d" Ipaddr.pp peer peer_port);
        echo flow);
    Logs.info (fun f -> f "echo service listening on TCP port %d" port);
    S.listen stack
end
