import VersoManual
import VersoBlueprint.PreviewManifest
import Checked.Blueprint

open Verso Doc
open Verso.Genre Manual

def main (args : List String) : IO UInt32 :=
  Informal.PreviewManifest.blueprintMainWithPreviewData (%doc Checked.Blueprint) args
