import Sample.Basic
import Sample.Malformed
