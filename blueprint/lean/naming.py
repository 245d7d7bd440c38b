"""Names Lean or Mathlib generate: `@[to_additive]` and anonymous instances.

Both follow the upstream rules as far as they can be applied to text without
elaboration: Mathlib's `ToAdditive.guessName` (split on case and `_`, translate
each word, fix abbreviations) and Lean's `mkInstanceName` ("inst" + the
capitalized heads of the class and its arguments, then "Of" + each instance
binder's head).
"""

from __future__ import annotations

from functools import lru_cache

_END_CAPITAL = {"LE": ("",), "LT": ("",), "WF": ("",), "Coe": ("TC", "T", "HTCT")}

_NAME_DICT: dict[str, tuple[str, ...]] = {
    "one": ("Zero",),
    "mul": ("Add",),
    "smul": ("VAdd",),
    "inv": ("Neg",),
    "div": ("Sub",),
    "prod": ("Sum",),
    "hmul": ("HAdd",),
    "hsmul": ("HVAdd",),
    "hdiv": ("HSub",),
    "hpow": ("HSMul",),
    "finprod": ("Finsum",),
    "tprod": ("TSum",),
    "pow": ("NSMul",),
    "npow": ("NSMul",),
    "zpow": ("ZSMul",),
    "mabs": ("Abs",),
    "monoid": ("Add", "Monoid"),
    "submonoid": ("Add", "Submonoid"),
    "group": ("Add", "Group"),
    "subgroup": ("Add", "Subgroup"),
    "semigroup": ("Add", "Semigroup"),
    "magma": ("Add", "Magma"),
    "haar": ("Add", "Haar"),
    "prehaar": ("Add", "Prehaar"),
    "unit": ("Add", "Unit"),
    "units": ("Add", "Units"),
    "cyclic": ("Add", "Cyclic"),
    "semigrp": ("Add", "Semigrp"),
    "grp": ("Add", "Grp"),
    "commute": ("Add", "Commute"),
    "semiconj": ("Add", "Semiconj"),
    "rootable": ("Divisible",),
    "zpowers": ("ZMultiples",),
    "powers": ("Multiples",),
    "multipliable": ("Summable",),
    "gpfree": ("APFree",),
    "quantale": ("Add", "Quantale"),
    "square": ("Even",),
    "mconv": ("Conv",),
    "irreducible": ("Add", "Irreducible"),
    "mlconvolution": ("LConvolution",),
}

_ABBREVIATIONS = {
    "isCancelAdd": "IsCancelAdd",
    "isLeftCancelAdd": "IsLeftCancelAdd",
    "isRightCancelAdd": "IsRightCancelAdd",
    "cancelAdd": "AddCancel",
    "leftCancelAdd": "AddLeftCancel",
    "rightCancelAdd": "AddRightCancel",
    "cancelCommAdd": "AddCancelComm",
    "commAdd": "AddComm",
    "zero_le": "Nonneg",
    "zeroLE": "Nonneg",
    "zero_lt": "Pos",
    "zeroLT": "Pos",
    "lezero": "Nonpos",
    "le_zero": "Nonpos",
    "ltzero": "Neg",
    "lt_zero": "Neg",
    "addSingle": "Single",
    "add_single": "Single",
    "addSupport": "Support",
    "add_support": "Support",
    "addTSupport": "TSupport",
    "add_tsupport": "TSupport",
    "addIndicator": "Indicator",
    "add_indicator": "Indicator",
    "isEven": "Even",
    "isRegular": "IsAddRegular",
    "isLeftRegular": "IsAddLeftRegular",
    "isRightRegular": "IsAddRightRegular",
    "hasFundamentalDomain": "HasAddFundamentalDomain",
    "quotientMeasure": "AddQuotientMeasure",
    "negFun": "InvFun",
    "uniqueProds": "UniqueSums",
    "orderOf": "AddOrderOf",
    "zeroLePart": "PosPart",
    "leZeroPart": "NegPart",
    "isScalarTower": "VAddAssocClass",
    "isOfFinOrder": "IsOfFinAddOrder",
    "isCentralScalar": "IsCentralVAdd",
    "function_addSemiconj": "Function_semiconj",
    "function_addCommute": "Function_commute",
    "divisionAddMonoid": "SubtractionMonoid",
    "subNegZeroAddMonoid": "SubNegZeroMonoid",
    "modularCharacter": "AddModularCharacter",
}

#: namespaces whose additive version is known without elaboration (Mathlib's
#: `findTranslation?` on the prefix); other prefixes are kept unchanged
KNOWN_PREFIX_TRANSLATIONS = {
    "Monoid": "AddMonoid",
    "CommMonoid": "AddCommMonoid",
    "Group": "AddGroup",
    "CommGroup": "AddCommGroup",
    "Semigroup": "AddSemigroup",
    "CommSemigroup": "AddCommSemigroup",
    "Subgroup": "AddSubgroup",
    "Submonoid": "AddSubmonoid",
    "Subsemigroup": "AddSubsemigroup",
    "Units": "AddUnits",
    "IsUnit": "IsAddUnit",
    "MulAction": "AddAction",
    "MulOpposite": "AddOpposite",
    "MonoidHom": "AddMonoidHom",
    "MulHom": "AddHom",
    "MulEquiv": "AddEquiv",
    "OneHom": "ZeroHom",
    "Commute": "AddCommute",
    "SemiconjBy": "AddSemiconjBy",
    "QuotientGroup": "QuotientAddGroup",
    "Finset.prod": "Finset.sum",
    "Multiset.prod": "Multiset.sum",
    "List.prod": "List.sum",
    "MulChar": "MulChar",
    "ConjAct": "ConjAct",
    "MeasureTheory.Measure.IsMulLeftInvariant": "MeasureTheory.Measure.IsAddLeftInvariant",
    "MeasureTheory.Measure.IsHaarMeasure": "MeasureTheory.Measure.IsAddHaarMeasure",
}


def _is_upper(c: str) -> bool:
    return "A" <= c <= "Z"


def split_case(s: str) -> list[str]:
    """Mathlib's `String.splitCase`: split at `_` and lower-to-upper changes."""
    parts: list[str] = []
    i = 0
    while True:
        if i + 1 >= len(s):
            parts.append(s)
            return parts
        c0, c1 = s[i], s[i + 1]
        if c0 == "_" or c1 == "_":
            parts.append(s[: i + 1])
            s, i = s[i + 1 :], 0
            continue
        if _is_upper(c1):
            head = s[: i + 1]
            ends = _END_CAPITAL.get(head)
            if ends is not None:
                rest = s[i + 1 :]
                suffix = next((x for x in ends if rest.startswith(x)), None)
                if suffix is not None:
                    parts.append(head + suffix)
                    s, i = rest[len(suffix) :], 0
                    continue
            if not _is_upper(c0):
                parts.append(head)
                s, i = s[i + 1 :], 0
                continue
        i += 1


def _decapitalize_seq(s: str) -> str:
    i = 0
    while i < len(s) and _is_upper(s[i]):
        i += 1
    return s[:i].lower() + s[i:]


def _decapitalize_like(ref: str, s: str) -> str:
    return s if not ref or _is_upper(ref[0]) else _decapitalize_seq(s)


def _apply_name_dict(parts: list[str]) -> list[str]:
    out: list[str] = []
    for x in parts:
        y = _NAME_DICT.get(x.lower())
        if y is None:
            out.append(x)
        else:
            out.append(_decapitalize_like(x, y[0]))
            out.extend(y[1:])
    return out


def _fix_abbreviation(parts: list[str]) -> str:
    out: list[str] = []
    pending: list[str] = []
    todo = list(parts)
    while todo or pending:
        if not todo:
            out.append(pending[0])
            todo, pending = pending[1:], []
            continue
        pre = todo.pop(0)
        pending = [*pending, pre]
        t = "".join(pending)
        if pre == "_" and t and _is_upper(t[0]):
            out.append(pending[0])
            todo = pending[1:] + todo
            pending = []
            continue
        post = _ABBREVIATIONS.get(_decapitalize_seq(t))
        if post is not None:
            out.append(_decapitalize_like(t, post))
            pending = []
    return "".join(out)


@lru_cache(maxsize=65536)
def guess_additive(component: str) -> str:
    """Mathlib's `ToAdditive.guessName` on one name component."""
    return "'".join(
        _fix_abbreviation(_apply_name_dict(split_case(tok))) if tok else tok
        for tok in component.split("'")
    )


def _translate_prefix(prefix: str, known: dict[str, str]) -> str:
    """Translate the longest namespace prefix with a known additive version."""
    parts = prefix.split(".") if prefix else []
    for k in range(len(parts), 0, -1):
        head = ".".join(parts[:k])
        tgt = known.get(head) or KNOWN_PREFIX_TRANSLATIONS.get(head)
        if tgt is not None:
            return ".".join([tgt, *parts[k:]])
    return prefix


def additive_name(src: str, target: str | None = None, known: dict[str, str] | None = None) -> str:
    """The name `@[to_additive target]` gives to `src` (Mathlib's `targetName`).

    ``known`` maps multiplicative names to additive ones already seen (so the
    namespace `Foo` of `Foo.bar` is translated when `Foo` itself was).
    """
    known = known or {}
    pre, _, last = src.rpartition(".")
    pre = _translate_prefix(pre, known)
    if not target:
        return f"{pre}.{guess_additive(last)}" if pre else guess_additive(last)
    if target.startswith("_root_."):
        return target[len("_root_.") :]
    depth = target.count(".") + 1
    pre_parts = pre.split(".") if pre else []
    keep = pre_parts[: max(0, len(pre_parts) - (depth - 1))]
    return ".".join([*keep, target])


# --- anonymous instances -----------------------------------------------------


def capitalize(s: str) -> str:
    """Lean's `String.capitalize` (ASCII first letter only)."""
    return s[0].upper() + s[1:] if s and "a" <= s[0] <= "z" else s


def module_suffix(module: str) -> str:
    """Lean's `moduleToSuffix`: `Lean.Elab.DefView` -> `_lean_elab_defView`."""
    return "".join("_" + (p[0].lower() + p[1:] if p and "A" <= p[0] <= "Z" else p)
                   for p in module.split(".") if p)
