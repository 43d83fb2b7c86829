"""The tool's own words in every language: gettext catalogues (``locale/``), the English source texts
(``messages``), and ``catalogues``, the maintainers' tool that updates and compiles them.

The bottom layer with ``samen_refer.problem``: it imports nothing else of the package (``catalogues`` aside, which
collects the texts of every layer).
"""
