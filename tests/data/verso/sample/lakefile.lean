import Lake
open Lake DSL

-- the formalization lives in a git submodule (not checked out in this sample)
require Formal from "./formal"
require VersoBlueprint from git
  "https://github.com/leanprover/verso-blueprint" @ "v4.33.0"

package Sample where
  precompileModules := false

lean_lib Sample where

lean_exe «blueprint-gen» where
  root := `SampleMain
