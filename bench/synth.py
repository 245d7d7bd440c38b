"""Generate a realistic blueprint project of any size, with a matching Lean tree.

Deterministic for a given size and seed. Used by the benchmarks and by scale tests:

    python bench/synth.py OUT_DIR --nodes 635
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from pathlib import Path

NODES_PER_CHAPTER = 40


@dataclass
class SynthNode:
    index: int
    chapter: int
    env: str
    uses: list[int] = field(default_factory=list)
    proof_uses: list[int] = field(default_factory=list)
    stated: bool = True
    proved: bool = True

    @property
    def label(self) -> str:
        return f"{self.env[:3]}:n{self.index}"

    @property
    def lean_name(self) -> str:
        return f"Synth.Ch{self.chapter}.decl_{self.index}"


def plan(nodes: int, seed: int = 1) -> list[SynthNode]:
    """A layered DAG of ~2.5 edges per node, later nodes less formalized than earlier ones."""
    rng = random.Random(seed)
    planned: list[SynthNode] = []
    for index in range(nodes):
        env = "definition" if rng.random() < 0.15 else rng.choice(["lemma", "lemma", "theorem"])
        node = SynthNode(index, index // NODES_PER_CHAPTER, env)
        if index:
            window = max(1, min(index, 60))
            candidates = range(index - window, index)
            count = min(len(candidates), rng.choice([1, 2, 2, 3, 3, 4]))
            deps = sorted(rng.sample(candidates, count))
            split = rng.randint(0, len(deps))
            node.uses, node.proof_uses = deps[:split], deps[split:]
        progress = index / max(1, nodes - 1)
        node.stated = rng.random() > progress * 0.8
        node.proved = node.stated and rng.random() > progress
        planned.append(node)
    return planned


def write_project(root: Path, nodes: int, seed: int = 1) -> list[SynthNode]:
    planned = plan(nodes, seed)
    chapters = planned[-1].chapter + 1 if planned else 0
    src = root / "blueprint" / "src"
    (src / "chapter").mkdir(parents=True, exist_ok=True)
    (root / "Synth").mkdir(parents=True, exist_ok=True)
    (root / "lakefile.toml").write_text(
        'name = "synth"\ndefaultTargets = ["Synth"]\n\n[[lean_lib]]\nname = "Synth"\n'
    )
    (root / "lean-toolchain").write_text("leanprover/lean4:v4.15.0\n")
    (src / "web.tex").write_text(
        "\\documentclass{report}\n\\usepackage{amsthm}\n\\usepackage{blueprint}\n"
        "\\newtheorem{theorem}{Theorem}[chapter]\n\\newtheorem{lemma}[theorem]{Lemma}\n"
        "\\theoremstyle{definition}\\newtheorem{definition}[theorem]{Definition}\n"
        f"\\title{{Synthetic blueprint of {nodes} nodes}}\n"
        "\\begin{document}\n\\maketitle\n\\input{content}\n\\end{document}\n"
    )
    (src / "content.tex").write_text(
        "".join(f"\\input{{chapter/ch{c}}}\n" for c in range(chapters))
    )
    imports = []
    for chapter in range(chapters):
        members = [n for n in planned if n.chapter == chapter]
        (src / "chapter" / f"ch{chapter}.tex").write_text(_chapter_tex(chapter, members, planned))
        (root / "Synth" / f"Ch{chapter}.lean").write_text(_chapter_lean(chapter, members, planned))
        imports.append(f"import Synth.Ch{chapter}")
    (root / "Synth.lean").write_text("\n".join(imports) + "\n")
    return planned


def _chapter_tex(chapter: int, members: list[SynthNode], planned: list[SynthNode]) -> str:
    out = [f"\\chapter{{Chapter {chapter}}}\n", "Some prose about this chapter, with $x^2$.\n\n"]
    for node in members:
        uses = ", ".join(planned[i].label for i in node.uses)
        out.append(f"\\begin{{{node.env}}}[Result {node.index}]\n  \\label{{{node.label}}}\n")
        out.append(f"  \\lean{{{node.lean_name}}}\n")
        if node.stated:
            out.append("  \\leanok\n")
        if uses:
            out.append(f"  \\uses{{{uses}}}\n")
        out.append(f"  For every $n$, the quantity $a_{{{node.index}}}(n)$ is bounded.\n")
        out.append(f"\\end{{{node.env}}}\n")
        if node.env != "definition":
            proof_uses = ", ".join(planned[i].label for i in node.proof_uses)
            out.append("\\begin{proof}\n")
            if proof_uses:
                out.append(f"  \\uses{{{proof_uses}}}\n")
            if node.proved:
                out.append("  \\leanok\n")
            out.append("  Combine the previous results and induct on $n$.\n\\end{proof}\n\n")
    return "".join(out)


def _chapter_lean(chapter: int, members: list[SynthNode], planned: list[SynthNode]) -> str:
    imports = sorted(
        {
            f"Synth.Ch{planned[i].chapter}"
            for n in members
            for i in n.uses + n.proof_uses
            if planned[i].chapter != chapter
        }
    )
    out = [f"import {m}\n" for m in imports] or ["import Mathlib.Tactic\n"]
    out.append(f"\nnamespace Synth.Ch{chapter}\n\nopen Finset\n\n")
    for node in members:
        if not node.stated:
            continue
        name = node.lean_name.rsplit(".", 1)[1]
        out.append(f"/-- Result {node.index}. -/\n")
        if node.env == "definition":
            out.append(f"def {name} (n : ℕ) : ℕ := n + {node.index}\n\n")
            continue
        out.append(f"theorem {name} (n : ℕ) : n + {node.index} = {node.index} + n := by\n")
        for dep in node.uses + node.proof_uses:
            out.append(f"  have _h{dep} := @{planned[dep].lean_name}\n")
        out.append("  omega\n\n" if node.proved else "  sorry\n\n")
    out.append(f"end Synth.Ch{chapter}\n")
    return "".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--nodes", type=int, default=635)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_project(args.out, args.nodes, args.seed)


if __name__ == "__main__":
    main()
