(* proofs/wp_runtime.ml -- loaded by proofs/run.sh into every Frama-C process
   (-load-script). Two settings of the process, not of the proof: no goal,
   prover, timeout or cache entry depends on them (spec/decisions.md D-PR-9).

   1. WP's task loop polls its prover tasks every 2 ms instead of every 50 ms.
      With the cache nearly every prover task is a replayed answer that is
      ready at once, so at 50 ms a process slept about half of its wall time.

   2. The OCaml GC: a 256 MB minor heap (32 M words) instead of the 2 MB that
      Frama-C sets at start-up (which is why OCAMLRUNPARAM has no effect).
      WP's stack is deep, and every minor collection scans all of it
      (perf, session 7: caml_oldify_local_roots was 13 % of the CPU); with the
      larger heap there are about 100 times fewer minor collections. *)
let () =
  Task.on_idle :=
    (fun busy -> try while busy () do Unix.sleepf 0.002 done with Db.Cancel -> ());
  Gc.set { (Gc.get ()) with Gc.minor_heap_size = 32 * 1024 * 1024;
                            Gc.space_overhead = 200 }
