"""The checks of ``samen-refer validate``: the registry of check ids, and the run that collects every problem.

Problems are data, never raised. The checks import the format and the engine, never the renderers or the terminal.
"""
