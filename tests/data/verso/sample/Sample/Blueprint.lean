import VersoManual
import VersoBlueprint
import Sample.Authors
import Sample.Chapters.Basics
import Sample.Chapters.Extras
import Sample.Chapters.Broken
import Sample.Formal.Addition

open Verso.Genre Manual
open Informal

/- A comment that mentions #doc (Manual) "Not this" => and is skipped. -/
#doc (Manual) "A *sample* blueprint" =>

%%%
shortTitle := "Sample"
authors := ["Ada", "Brahmagupta"]
%%%

This sample covers Verso's markup and Verso Blueprint's forms.

# Overview

{include 0 Sample.Chapters.Basics}
{include 0 sampleExtras}
{includeBlueprintModule 0 Sample.Formal.Addition (title := "Compiled results")}
{include 0 Sample.Chapters.Broken}

{blueprint_graph (direction := LR)}
{blueprint_summary}
