"""The bundled Decree 30 templates, `<kind>.docx`, shipped as package data.

`python -m plangen.templates.make` writes them again from code (make.py).
"""
