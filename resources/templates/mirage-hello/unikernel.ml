(* The application: config.ml passes it a Time device; it logs a greeting every second, four times, then exits. *)
open Lwt.Infix

module Hello (Time : Mirage_time.S) = struct
  let start _time =
    let rec loop = function
      | 0 ->
          Logs.info (fun f -> f "goodbye");
          Lwt.return_unit
      | n ->
          Logs.info (fun f -> f "hello from MirageOS (%d left)" n);
          Time.sleep_ns (Duration.of_sec 1) >>= fun () -> loop (n - 1)
    in
    loop 4
end
