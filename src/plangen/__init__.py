"""plangen: Vietnamese administrative plans as YAML, rendered to Decree 30/2020 .docx."""

__version__ = "0.1.0"
