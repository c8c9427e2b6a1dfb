(* proofs/poll.ml -- loaded by proofs/run.sh into every Frama-C process
   (-load-script): WP's task loop polls its prover tasks every 2 ms instead of
   every 50 ms (D-PR-9). It changes when WP looks at its tasks, not what it
   proves: no goal, prover or cache entry depends on it. *)
let () =
  Task.on_idle :=
    (fun busy -> try while busy () do Unix.sleepf 0.002 done with Db.Cancel -> ())
