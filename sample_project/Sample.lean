-- This module serves as the root of the `Sample` library.
-- Import modules here that should be built as part of the library.
-- `Sample/Old/Legacy.lean` is deliberately not imported: it is kept for reference only.
import Sample.Basic
import Sample.Primes
import Sample.Groups
import Sample.Congruences
