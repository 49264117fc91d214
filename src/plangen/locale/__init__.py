"""The message catalogues, `<language>/LC_MESSAGES/plangen.po` and its compiled `.mo`,
shipped as package data.

`python -m plangen.locale.make` writes them again from diagnostics.MESSAGES (make.py).
"""
