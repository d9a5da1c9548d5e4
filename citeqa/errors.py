"""Errors a user can cause. Each carries one line that names the file, flag or setting at fault."""


class CiteqaError(Exception):
    """Base class: the CLI prints the message alone, without a traceback."""


class DocumentError(CiteqaError):
    """A file could not be read as a document (unreadable, empty, malformed)."""


class IndexMismatchError(CiteqaError):
    """An index directory is missing, damaged, or was built with other settings."""


class ModelError(CiteqaError):
    """An embedding model could not be loaded from the name or path given."""


class ConfigError(CiteqaError):
    """A setting or command-line argument has a value we cannot use."""
