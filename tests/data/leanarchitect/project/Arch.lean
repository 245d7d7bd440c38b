import Arch.Basic
import Arch.Main
import Arch.Unused
