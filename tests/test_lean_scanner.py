"""The Lean scanner on Mathlib-style snippets: one test per syntax item."""

from __future__ import annotations

import tempfile
import textwrap
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from blueprint.lean.buildlog import declaration_at, parse_build_log, sorry_overrides
from blueprint.lean.instname import instance_name
from blueprint.lean.lexer import clean_source
from blueprint.lean.model import Declaration, LeanFile
from blueprint.lean.naming import additive_name, guess_additive, split_case
from blueprint.lean.project import load_lean_project
from blueprint.lean.scanner import scan_lean


def scan(src: str, module: str = "Test.File") -> LeanFile:
    return scan_lean(textwrap.dedent(src), module, "Test/File.lean")


def names(src: str) -> list[str]:
    return [d.name for d in scan(src).declarations]


def decl(src: str, name: str) -> Declaration:
    found = [d for d in scan(src).declarations if d.name == name]
    assert found, f"{name} not in {names(src)}"
    return found[0]


# --- comments, strings, identifiers ------------------------------------------


def test_comments_are_not_code() -> None:
    src = """
    -- theorem line_comment : True := trivial
    /- theorem block : True := trivial
       /- nested -/ theorem still_comment : True := trivial -/
    /-- doc comment -/
    theorem real : True := trivial
    /-! module doc
    theorem in_module_doc : True := trivial
    -/
    """
    assert names(src) == ["real"]


def test_strings_and_chars_are_not_code() -> None:
    src = '''
    def s : String := "theorem fake : True -- not a comment"
    def c : Char := '"'
    def e : String := "escaped \\" theorem fake2 : True"
    def i : String := s!"value {f "nested"} theorem fake3"
    def h' (x' : Nat) : Nat := x' -- primes are part of names
    theorem after : True := trivial
    '''
    assert names(src) == ["s", "c", "e", "i", "h'", "after"]


def test_sorry_in_comment_or_string_does_not_count() -> None:
    src = """
    theorem a : True := by
      -- sorry
      exact trivial /- sorry -/
    def b : String := "sorry"
    theorem c : True := by
      sorry
    theorem d : True := by admit
    """
    f = scan(src)
    assert {d.name: d.has_sorry for d in f.declarations} == {
        "a": False, "b": False, "c": True, "d": True}


def test_unicode_and_guillemet_names() -> None:
    src = """
    theorem x₁_le_ℝ (α' : Type) : True := trivial
    theorem «my theorem» : True := trivial
    theorem «plain» : True := trivial
    def Φ.βeta : ℕ := 1
    """
    assert names(src) == ["x₁_le_ℝ", "«my theorem»", "plain", "Φ.βeta"]


# --- namespaces, sections, modifiers -------------------------------------------


def test_namespaces_sections_and_root() -> None:
    src = """
    namespace A.B
    theorem t1 : True := trivial
    section S
    theorem Foo.t2 : True := trivial
    end S
    noncomputable section
    def d : ℕ := 1
    end
    theorem _root_.top : True := trivial
    end A.B
    namespace C
    protected theorem t3 : True := trivial
    end C
    theorem t4 : True := trivial
    """
    assert names(src) == ["A.B.t1", "A.B.Foo.t2", "A.B.d", "top", "C.t3", "t4"]
    f = scan(src)
    assert not f.diagnostics


def test_end_mismatch_is_reported_not_raised() -> None:
    f = scan("namespace A\nend B\nend\ntheorem x : True := trivial\n")
    assert [d.line for d in f.diagnostics] == [2, 3]
    assert [d.name for d in f.declarations] == ["x"]


def test_modifiers_and_attributes() -> None:
    src = """
    @[simp,
      norm_cast]
    private noncomputable def a : ℕ := 1
    protected nonrec theorem b : True := trivial
    partial def c : ℕ → ℕ := c
    unsafe def d : ℕ := 1
    /-- doc -/
    @[simp] lemma e : True := trivial
    attribute [simp] e
    """
    f = scan(src)
    assert [d.name for d in f.declarations] == ["a", "b", "c", "d", "e"]
    a = f.declarations[0]
    assert a.private and a.start_line == 2 and a.line == 4
    e = f.declarations[-1]
    assert e.kind == "lemma" and e.start_line == 8 and e.line == 9 and e.end_line == 9


def test_open_in_variable_set_option_mutual() -> None:
    src = """
    open Real in
    theorem a : True := by
      open Classical in
      exact trivial
    set_option maxHeartbeats 400000 in
    theorem b : True := trivial
    variable {α : Type*} [Group α]
    mutual
    def even : ℕ → Bool
      | 0 => true
      | n+1 => odd n
    def odd : ℕ → Bool
      | 0 => false
      | n+1 => even n
    end
    theorem c : True := trivial
    """
    f = scan(src)
    assert [d.name for d in f.declarations] == ["a", "b", "even", "odd", "c"]
    a = f.declarations[0]
    assert "Real" in a.opens and a.start_line == 2 and a.end_line == 5
    assert f.declarations[1].start_line == 6
    assert f.declarations[4].namespace == ""


def test_opens_recorded_per_scope() -> None:
    f = scan("open A B\nnamespace N\nopen C\ntheorem x : True := y\nend N\ntheorem z : True := y\n")
    x, z = f.declarations
    assert x.opens == ("A", "B", "C") and z.opens == ("A", "B")
    assert x.namespace == "N" and "y" in x.references


# --- declaration kinds ------------------------------------------------------------


def test_declaration_kinds() -> None:
    src = """
    theorem t : True := trivial
    lemma l : True := trivial
    def d : ℕ := 1
    abbrev ab := ℕ
    opaque o : ℕ
    axiom ax : False
    example : True := trivial
    """
    f = scan(src)
    assert [(d.name, d.kind) for d in f.declarations] == [
        ("t", "theorem"), ("l", "lemma"), ("d", "def"), ("ab", "abbrev"), ("o", "opaque"),
        ("ax", "axiom"), ("", "example")]
    assert not f.declarations[-1].formalized


def test_proof_wanted_declares_nothing() -> None:
    d = decl("namespace N\nproof_wanted wish : 1 = 2\nend N\n", "N.wish")
    assert d.kind == "proof_wanted" and not d.formalized


def test_named_instances() -> None:
    src = """
    namespace N
    instance foo : Inhabited ℕ := ⟨0⟩
    instance (priority := 100) bar : Inhabited ℤ := ⟨0⟩
    noncomputable instance baz [Group G] : Inhabited G := ⟨1⟩
    end N
    """
    assert names(src) == ["N.foo", "N.bar", "N.baz"]


def test_anonymous_instance_names() -> None:
    src = """
    instance : Add Nat := ⟨Nat.add⟩
    instance [Group G] : Foo G := sorry
    instance {α : Type*} [Ring α] : Module ℝ (Polynomial α) := sorry
    namespace Foo
    instance : Inhabited Foo := ⟨_⟩
    end Foo
    """
    f = scan(src)
    got = [(d.name, d.generated) for d in f.declarations]
    assert got == [("instAddNat", True), ("instFooOfGroup", True),
                   ("instModuleRealPolynomialOfRing", True), ("Foo.instInhabited", True)]


def test_instance_name_rules() -> None:
    assert instance_name([], ["Add", "Nat"], "")[0] == "instAddNat"
    # the class seen once only; dependent binders are not named
    assert instance_name(["(", "x", ":", "ℕ", ")"], ["Foo", "(", "Fin", "x", ")"], "")[0] == (
        "instFooFin")
    assert instance_name([], ["Foo", "ℝ", "ℝ"], "")[0] == "instFooReal"
    assert instance_name([], ["Foo", "(", "α", "×", "β", ")"], "")[0] == "instFooProd"


def test_structure_fields_and_constructors() -> None:
    src = """
    structure Point (α : Type) extends Base α where
      x : α
      /-- doc -/
      y z : α := 0
      protected w (n : ℕ) : α
      deriving Repr
    structure Custom where
      mkCustom ::
      val : ℕ
    class Foo (α : Type) : Prop where
      prop : True
    structure Empty
    """
    got = names(src)
    assert got == ["Point", "Point.toBase", "Point.mk", "Point.x", "Point.y", "Point.z",
                   "Point.w", "Custom", "Custom.mkCustom", "Custom.val", "Foo", "Foo.mk",
                   "Foo.prop", "Empty", "Empty.mk"]
    f = scan(src)
    mk = next(d for d in f.declarations if d.name == "Point.mk")
    assert mk.generated and mk.kind == "constructor"


def test_inductive_constructors() -> None:
    src = """
    inductive Tree (α : Type)
      | leaf : Tree α
      | node (l r : Tree α) (h : |x| < 1) : Tree α
      deriving Repr
    inductive Color | red | green
    class inductive Good : Prop where
      | intro : Good
    """
    assert names(src) == ["Tree", "Tree.leaf", "Tree.node", "Color", "Color.red",
                          "Color.green", "Good", "Good.intro"]


def test_alias_and_irreducible_def() -> None:
    src = """
    namespace N
    alias foo := bar
    alias ⟨fwd, _⟩ := some_iff
    alias ⟨mp, mpr⟩ := other_iff
    irreducible_def ird : ℕ := 3
    end N
    """
    assert names(src) == ["N.foo", "N.fwd", "N.mp", "N.mpr", "N.ird", "N.ird_def"]


def test_where_auxiliary_definitions() -> None:
    src = """
    def f : ℕ := aux 3
    where
      aux (n : ℕ) : ℕ := n
    instance : Foo ℕ where
      field := 1
    """
    assert names(src)[:2] == ["f", "f.aux"]
    assert "Foo.field" not in names(src)


# --- generated names ------------------------------------------------------------------


def test_to_additive_rules() -> None:
    assert guess_additive("prod_le_prod") == "sum_le_sum"
    assert guess_additive("mul_one") == "add_zero"
    assert guess_additive("inv_mul_cancel") == "neg_add_cancel"
    assert guess_additive("zpow_natCast") == "zsmul_natCast"
    assert guess_additive("isUnit_iff") == "isAddUnit_iff"
    assert guess_additive("one_le_mul'") == "nonneg_add'"  # abbreviation fix
    assert split_case("HMulLE_ne") == ["HMul", "LE", "_", "ne"]
    assert additive_name("Monoid.foo_mul") == "AddMonoid.foo_add"
    assert additive_name("Finset.foo", "bar") == "Finset.bar"
    assert additive_name("A.B.foo", "C.bar") == "A.C.bar"


def test_to_additive_attribute() -> None:
    src = """
    namespace Finset
    @[to_additive (attr := simp) "doc"]
    theorem prod_le_prod : True := sorry
    @[to_additive sum_custom /-- doc -/]
    theorem prod_custom : True := trivial
    @[to_additive existing]
    theorem prod_existing : True := trivial
    @[to_additive self]
    theorem selfish : True := trivial
    end Finset
    attribute [to_additive] Finset.later_mul
    """
    f = scan(src)
    got = {d.name: (d.generated, d.source) for d in f.declarations}
    assert got["Finset.sum_le_sum"] == (True, "Finset.prod_le_prod")
    assert got["Finset.sum_custom"] == (True, "Finset.prod_custom")
    assert "Finset.later_add" in got
    assert len([n for n in got if "existing" in n or "selfish" in n]) == 2
    assert next(d for d in f.declarations if d.name == "Finset.sum_le_sum").has_sorry


def test_extra_keywords_hook() -> None:
    f = scan_lean("my_def foo : ℕ := 1\ntheorem bar : True := trivial\n", "M", "M.lean",
                  extra_keywords=["my_def"])
    assert [(d.name, d.kind) for d in f.declarations] == [("foo", "my_def"), ("bar", "theorem")]


# --- extents, imports, references ----------------------------------------------------------


def test_extents_and_imports() -> None:
    src = """\
    import Mathlib.Data.Real.Basic
    import PFR.Foo

    /-- doc
    on two lines -/
    theorem a : True := by
      trivial

    -- a comment between
    theorem b : True := trivial
    """
    f = scan(src)
    assert f.imports == ["Mathlib.Data.Real.Basic", "PFR.Foo"]
    a, b = f.declarations
    assert (a.start_line, a.line, a.end_line) == (4, 6, 7)
    assert (b.start_line, b.line, b.end_line) == (10, 10, 10)


def test_references_are_identifiers_of_the_body() -> None:
    d = decl("theorem t (h : Foo.bar x) : baz := by\n  simp [qux, h.le]\n", "t")
    assert {"Foo.bar", "baz", "qux", "x"} <= d.references
    assert "simp" not in d.references
    assert "h.le" not in d.references  # h is the theorem's own hypothesis


def test_binders_and_variables_shadow_globals_of_the_same_name() -> None:
    # Sphere-Packing-Lean: `def D (F : ℍ → ℂ)` does not use the blueprint node's `F`
    src = """
    def F : Nat := 1
    def D (F : Nat → Nat) {G} ⦃n : Nat⦄ [inst : Inhabited Nat] : Nat := F (G n) + inst.default
    section
    variable (H : Nat) [Add Nat]
    theorem t : H + F = F + H := Nat.add_comm _ _
    def e x := x + @H.succ
    end
    theorem u : F = F := rfl
    """
    d = decl(src, "D")
    assert not {"F", "G", "n", "inst.default"} & d.references and "Nat" in d.references
    t = decl(src, "t")
    assert "H" not in t.references and "F" in t.references
    assert not {"x", "H.succ"} & decl(src, "e").references
    assert "F" in decl(src, "u").references  # the section's variables are gone


def test_names_bound_in_a_proof_shadow_globals_of_the_same_name() -> None:
    # Sphere-Packing-Lean has globals `h` and `g`: `intro h`, `fun g ↦`, `let g` are locals
    src = """
    def h : Nat := 0
    def g : Nat := 1
    theorem t (n : Nat) : n = n := by
      intro h x
      have hg : True := trivial
      obtain ⟨a, ⟨b, hb⟩⟩ := foo
      rcases n with _ | m
      cases n with
      | succ k ih => exact (fun g ↦ g) ih
      | zero => let e := 0; exact behave h.le
    theorem u : h = g := rfl
    """
    t = decl(src, "t")
    assert not {"h", "g", "x", "hg", "a", "b", "hb", "k", "ih", "e", "h.le"} & t.references
    assert {"foo", "behave"} <= t.references
    assert {"h", "g"} <= decl(src, "u").references


def test_an_unnamed_instance_binder_binds_no_name() -> None:
    # `[Foo F]` names no local: a class in it is a reference, and in an instance's name
    src = """
    class Foo (α : Type) : Prop
    class Bar (α : Type) : Prop
    variable {G : Type} [Foo G]
    instance : Foo (Option G) := sorry
    theorem t [Bar G] : Foo G ∧ Bar G := sorry
    """
    assert "instFooOption" in names(src)
    assert {"Foo", "Bar"} <= decl(src, "t").references


def test_a_declaration_inside_a_syntax_quotation_is_not_one() -> None:
    # equational_theories: `def $ruleId : ...` built by a command elaborator
    f = scan("""
    def mkRule : MacroM Unit := do
      let decl ← `(
        def $ruleId : $type → Option ($type)
        | _ => none)
      pure ()
    """)
    assert [d.name for d in f.declarations] == ["mkRule"] and not f.diagnostics


# --- robustness ----------------------------------------------------------------------------


def test_unterminated_comment_and_string() -> None:
    f = scan("theorem a : True := trivial\n/- never closed\ntheorem b : True := trivial\n")
    assert [d.name for d in f.declarations] == ["a"]
    assert [(d.line, "unterminated" in d.message) for d in f.diagnostics] == [(2, True)]
    f = scan('def s := "open\ntheorem b : True := trivial\n')
    assert f.diagnostics[0].line == 1


def test_clean_source_keeps_lines() -> None:
    src = "a /- x\ny -/ b\n\"s\nt\" c 'x' d\n"
    assert clean_source(src).text.count("\n") == src.count("\n")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    [*"ab xyz'\"\\/-!{}()[]⟨⟩:=|@.«»\n\t#_₁ℝ",
     "theorem ", "namespace ", "end ", "@[simp] ", "instance ", "structure ", " where\n",
     "/-", "-/", "--", "sorry", "open ", " in\n", "inductive ", "| ", "alias ", "s!\""]),
    max_size=120).map("".join))
def test_any_text_never_raises(text: str) -> None:
    f = scan_lean(text, "M", "M.lean")
    nlines = text.count("\n") + 1
    for d in f.diagnostics:
        assert d.file == "M.lean" and 1 <= d.line <= nlines, d
        assert not d.message.startswith("Lean scanner failed"), d  # the guard hides a bug
    for x in f.declarations:
        assert 1 <= x.start_line <= x.line <= max(x.end_line, x.line) <= nlines + 1


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_binary_garbage_never_raises(data: bytes) -> None:
    f = scan_lean(data.decode("utf-8", errors="replace"), "M", "M.lean")
    assert not any(d.message.startswith("Lean scanner failed") for d in f.diagnostics)


LEAN_PIECES = ["theorem a : True := sorry\n", "namespace N\n", "end N\n", "end M\n", "/-",
               "-/", '"', "import Sample.B\n", "structure S where\n  x : Nat\n", "\n", "@[",
               "def «b c» := 1\n", "#exit\n", "\r\n", "é"]  # fmt: skip


@settings(max_examples=25, deadline=None)
@given(st.dictionaries(
    st.sampled_from(["Sample/A.lean", "Sample/B.lean", "Sample/Sub/C.lean", "Sample.lean"]),
    st.lists(st.sampled_from(LEAN_PIECES), max_size=30).map("".join)
    | st.binary(max_size=60).map(lambda data: data + b"\x00"),
    max_size=4,
))  # fmt: skip
def test_project_diagnostics_point_at_real_lines_of_real_files(
    files: dict[str, str | bytes],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "lakefile.toml").write_text('name = "s"\n[[lean_lib]]\nname = "Sample"\n')
        lines = {"lakefile.toml": 3}  # a root that matches no file is at its `name` line
        for name, content in files.items():
            data = content if isinstance(content, bytes) else content.encode()
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
            lines[name] = data.replace(b"\r\n", b"\n").count(b"\n") + 1
        project = load_lean_project(root, with_deps=False)
    for d in project.diagnostics:
        assert d.file in lines and 1 <= d.line <= lines[d.file], d


# --- build logs ------------------------------------------------------------------------------

OLD_LOG = """\
info: [root]: building...
warning: ././././Test/File.lean:3:8: declaration uses 'sorry'
warning: ././././Test/File.lean:9:6: unused variable `h`
error: ././././Test/Other.lean:1:0: unknown package 'Foo'
"""

NEW_LOG = """\
✔ [10/12] Built Test.Clean
⚠ [11/12] Built Test.File (2.1s)
warning: Test/File.lean:3:8: declaration uses 'sorry'
⚠ [12/12] Replayed Test.Other
Test/Other.lean:5:0: warning: declaration uses 'sorry'
✖ [13/14] Building Test.Broken
error: Test/Broken.lean:2:4: unknown identifier 'x'
Build completed successfully (12 jobs).
"""


def test_parse_old_and_new_build_logs() -> None:
    old = parse_build_log(OLD_LOG)
    assert old.sorries == {("Test/File.lean", 3)}
    assert len(old.messages) == 3
    new = parse_build_log(NEW_LOG)
    assert new.sorries == {("Test/File.lean", 3), ("Test/Other.lean", 5)}
    assert new.modules["Test.File"] == "Built" and new.modules["Test.Other"] == "Replayed"
    assert new.failed == {"Test.Broken"}
    absolute = parse_build_log("/home/u/proj/Test/File.lean:3:8: warning: declaration uses "
                               "'sorry'\n", root="/home/u/proj")
    assert absolute.sorries == {("Test/File.lean", 3)}


def test_build_log_overrides_textual_guess() -> None:
    src = """\
    theorem a : True := by
      exact my_tactic_that_sorries

    @[to_additive]
    theorem mul_b : True := by
      sorry
    theorem c : True := trivial
    """
    f = scan(src)
    assert [d.has_sorry for d in f.declarations] == [False, True, True, False]
    log = parse_build_log("⚠ [1/1] Built Test.File\n"
                          "warning: ././Test/File.lean:1:8: declaration uses 'sorry'\n")
    over = sorry_overrides(log, [f])
    assert over == {"a": True, "mul_b": False, "add_b": False, "c": False}
    at_6 = declaration_at(f.declarations, 6)
    assert at_6 is not None and at_6.name == "mul_b"
    # a file the log does not cover keeps its textual guess
    assert sorry_overrides(parse_build_log("✔ [1/1] Built Other\n"), [f]) == {}


# --- what LeanArchitect needs ----------------------------------------------------------


def test_a_declaration_keeps_apart_what_its_statement_and_its_body_refer_to() -> None:
    src = """
    theorem foo (x : Nat) (h : P x) : Q x ∧ |x| = R x := by
      exact bar x h
    def g : Nat → Nat
      | 0 => helper
      | n + 1 => g n
    theorem s : (sorry : Prop) := trivial
    """
    foo = decl(src, "foo")
    assert foo.statement_references == {"Nat", "P", "Q", "R"}  # `|x|` is no match arm
    assert foo.references - foo.statement_references == {"bar"}
    g = decl(src, "g")
    assert g.statement_references == {"Nat"} and "helper" in g.references
    assert decl(src, "s").statement_sorry and not foo.statement_sorry


def test_sorry_using_is_a_sorry_and_blueprint_comment_ends_a_declaration() -> None:
    src = """
    theorem a : True := by
      sorry_using [b]
    theorem c : True := trivial
    blueprint_comment /--
    A sorry in prose is no sorry: sorry.
    -/
    """
    assert decl(src, "a").has_sorry and "sorry_using" not in decl(src, "a").references
    c = decl(src, "c")
    assert not c.has_sorry and c.end_line == 4


def test_identifiers_comments_and_strings_as_before_the_faster_patterns() -> None:
    """The look behinds moved after the first character: the same matches."""
    src = """
    def f' (x' : α) : β := g'x y'.1 «weird name» (h.2 'c') (r#"raw " k"#) -- c
    /- block -/
    def k := "s" ++ s!"{x}"
    """
    found = scan(src).declarations
    assert [d.name for d in found] == ["f'", "k"]
    assert {"g'x", "y'", "h", "«weird name»"} <= found[0].references
    assert not {"c", "raw", "k"} & found[0].references  # char, string, comment
    assert clean_source("x'.1 'c' r\"s\"").text == "x'.1   \"\""


# --- the scanner's faster patterns: the same results -------------------------------------


def test_command_keywords_as_a_trie_match_each_keyword_and_no_prefix_of_one() -> None:
    import re

    from blueprint.lean.commands import word_alternation

    words = ["elab", "elab_rules", "end", "e", "compile_inductive%", "abc", "abd"]
    whole = re.compile(f"(?:{word_alternation(words)})\\Z")
    assert all(whole.match(w) for w in words)
    assert not any(whole.match(w) for w in ["", "el", "ela", "elab_", "ab", "abe", "compile"])
    assert word_alternation(["elab", "elab_rules", "end"]) == "e(?:lab(?:_rules)?|nd)"


def test_commands_in_comments_strings_and_longer_words_are_not_commands() -> None:
    src = """
    /-- theorem in_doc : True := trivial -/
    theorem a : True := trivial
    /-
    lemma in_block : True := trivial
    -/
    def s := "
    theorem in_string : True := trivial
    "
    theorem_like_name : True
    elab_rules_x : True
    -- instance in_line_comment : True := ⟨⟩
      lemma indented : True := trivial
    elab_rules : term | `(x) => pure x
    def b := 1
    """
    assert names(src) == ["a", "s", "indented", "b"]
    assert decl(src, "indented").end_line == 13  # `elab_rules` (line 14) is a command


def test_where_a_statement_ends_after_its_binders() -> None:
    src = """
    theorem t1 (x : Nat) : ∀ y : Nat, (|x| = y ∧ P y) → Q ⟨x, y⟩ := by
      exact r1
    theorem t2 (x : Nat) : F x ::= G x := r2
    def t3 (n : Nat) : Nat →
        Nat
      | 0 => r3
      | _ => 0
    def t4 (x : Nat) : (y : Nat := S) → T x where
      aux := r4
    def t5 (x : Nat) : Set (U x) := { y | y = V x }
    """
    assert decl(src, "t1").statement_references == {"Nat", "P", "Q"}
    assert decl(src, "t2").statement_references == {"F", "G", "Nat"}  # `::=` is no `:=`
    assert decl(src, "t3").statement_references == {"Nat"}
    assert decl(src, "t4").statement_references == {"Nat", "S", "T", "y"}  # `:=` in brackets
    assert "aux" not in decl(src, "t4").statement_references
    assert decl(src, "t5").statement_references == {"Set", "U", "Nat"}
    assert {"V"} <= decl(src, "t5").references - decl(src, "t5").statement_references


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab_1'.«» \n(x.ℝ𝒜αλ:∀", max_size=40))
def test_the_possessive_identifier_pattern_matches_what_ident_does(text: str) -> None:
    import re

    from blueprint.lean.lexer import IDENT, IDENT_RE

    plain = re.compile(IDENT)
    assert IDENT_RE.findall(text) == plain.findall(text)
    for pos in range(len(text)):
        ours, theirs = IDENT_RE.match(text, pos), plain.match(text, pos)
        assert (ours and ours.span()) == (theirs and theirs.span())


def test_binding_keywords_searched_together_bind_each_its_names() -> None:
    # `intros?` and `by_c(?:ases|ontra)` are searched as one pattern each
    src = """
    theorem t : True := by
      intro a1
      intros a2 a3
      rintro ⟨a4, a5⟩
      by_cases a6 : P
      by_contra a7
      introduce b1
      by_case b2
      intros_x b3
      exact Foo.intro b4
    """
    refs = decl(src, "t").references
    assert not {"a1", "a2", "a3", "a4", "a5", "a6", "a7"} & refs
    assert {"introduce", "b1", "by_case", "b2", "intros_x", "b3", "Foo.intro", "b4"} <= refs
