"""The tests' name for plangen.docxprops (effective formatting), which `plangen check` uses."""

from plangen.docxprops import NS, Doc, Para, Run, Styles, W, words

__all__ = ["NS", "Doc", "Para", "Run", "Styles", "W", "words"]
