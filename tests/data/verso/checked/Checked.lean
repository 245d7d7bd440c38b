import Checked.Basic
import Checked.Attr
