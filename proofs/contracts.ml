(* proofs/contracts.ml -- loaded by proofs/run.sh into every Frama-C process
   (-load-script): checks that every function defined in the file has a
   contract with an `assigns` clause and an `ensures` clause, and a `requires`
   clause unless every parameter is a value (no pointer or array: nothing to
   be valid, and the C type already bounds it). One line per function that
   fails ("contract: missing ..."), then the counts ("contracts: N functions,
   M without a full contract, V of values only without requires");
   proofs/run.sh fails on the first kind (spec/decisions.md D-PR-10). *)
open Cil_types

let check kf =
  let spec = Annotations.funspec ~populate:false kf in
  let req = ref 0 and ens = ref 0 and asg = ref false in
  List.iter
    (fun b ->
       req := !req + List.length b.b_requires;
       ens := !ens + List.length b.b_post_cond;
       match b.b_assigns with WritesAny -> () | Writes _ -> asg := true)
    spec.spec_behavior;
  let by_value =
    List.for_all
      (fun v -> not (Cil.isPointerType v.vtype || Cil.isArrayType v.vtype))
      (Kernel_function.get_formals kf) in
  (!req = 0 && by_value,
   List.filter_map (fun (ok, what) -> if ok then None else Some what)
     [ (!req > 0 || by_value, "requires");
       (!asg, "assigns");
       (!ens > 0, "ensures") ])

(* once per process: Db.Main runs again after each -then *)
let checked = ref false

let () =
  Db.Main.extend (fun () ->
      if not !checked then begin
      checked := true;
      let n = ref 0 and bad = ref 0 and values = ref 0 in
      Globals.Functions.iter (fun kf ->
          if Kernel_function.is_definition kf then begin
            incr n;
            let no_requires, missing = check kf in
            if no_requires then incr values;
            match missing with
            | [] -> ()
            | _ ->
              incr bad;
              let pos = fst (Kernel_function.get_location kf) in
              Printf.printf "contract: missing %s: %s (%s:%d)\n"
                (String.concat ", " missing) (Kernel_function.get_name kf)
                (Filepath.Normalized.to_pretty_string pos.Filepath.pos_path)
                pos.Filepath.pos_lnum
          end);
      Printf.printf "contracts: %d functions, %d without a full contract, %d of values only without requires\n%!"
        !n !bad !values
      end)
