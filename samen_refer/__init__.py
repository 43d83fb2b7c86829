"""samen-refer: calm, offline decision support for referring after sexual or gender-based violence."""

__version__ = "0.1.0"
