"""The engine: from a pathway and answers to the next question or the advice, every route at once, what a change
does to the advice, and how a trainee's route compares with a scenario's.

Pure functions, no I/O: the engine never prints or reads, and knows nothing of the terminal (Rich). It imports the
format, ``samen_refer.problem`` and the tool's words (``samen_refer.i18n``), never the checks, the renderers or the
command line.
"""
