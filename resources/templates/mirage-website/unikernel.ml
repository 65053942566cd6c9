(* The application: a small HTTP/1.0 server answering GET requests with files from the key-value store. *)
open Lwt.Infix
open Cmdliner

let port =
  let doc = Arg.info ~doc:"The TCP port the web server listens on." [ "port" ] in
  Mirage_runtime.register_arg Arg.(value & opt int 80 doc)

(* Enough HTTP for a browser and curl, without a web framework: one request per connection. *)
let content_type path =
  match Filename.extension path with
  | ".html" -> "text/html; charset=utf-8"
  | ".css" -> "text/css"
  | ".js" -> "text/javascript"
  | ".svg" -> "image/svg+xml"
  | ".png" -> "image/png"
  | _ -> "application/octet-stream"

let response status ?(content_type = "text/plain; charset=utf-8") body =
  Printf.sprintf "HTTP/1.0 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s" status
    content_type (String.length body) body

(* "GET /path HTTP/1.1" → Some "path"; "/" → "index.html". Refuses ".." so requests stay inside htdocs. *)
let requested_file request =
  match String.split_on_char ' ' (List.hd (String.split_on_char '\r' request)) with
  | [ "GET"; target; _ ] ->
      let path = List.hd (String.split_on_char '?' target) in
      let path = if String.ends_with ~suffix:"/" path then path ^ "index.html" else path in
      if List.mem ".." (String.split_on_char '/' path) then None else Some path
  | _ -> None

module Website (Htdocs : Mirage_kv.RO) (S : Tcpip.Stack.V4V6) = struct
  let answer htdocs request =
    match requested_file request with
    | None -> Lwt.return (response "400 Bad Request" "only GET is served here\n")
    | Some path -> (
        Htdocs.get htdocs (Mirage_kv.Key.v path) >|= function
        | Ok body -> response "200 OK" ~content_type:(content_type path) body
        | Error _ -> response "404 Not Found" (path ^ " is not in htdocs/\n"))

  let serve htdocs flow =
    S.TCP.read flow >>= function
    | Ok (`Data request) ->
        let request = Cstruct.to_string request in
        answer htdocs request >>= fun reply ->
        Logs.info (fun f -> f "%s" (List.hd (String.split_on_char '\r' request)));
        S.TCP.write flow (Cstruct.of_string reply) >>= fun _ -> S.TCP.close flow
    | Ok `Eof | Error _ -> S.TCP.close flow

  let start htdocs stack =
    let port = port () in
    S.TCP.listen (S.tcp stack) ~port (serve htdocs);
    Logs.info (fun f -> f "serving htdocs/ on TCP port %d" port);
    S.listen stack
end
