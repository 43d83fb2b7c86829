"""The checks of ``samen-refer validate``, one module per family, listed with every id in ``registry``.

- ``references``: ids duplicated or pointing nowhere (also run when a pathway is loaded for use).
- ``structure``: loops, and on every route: unreachable questions and blocks, rules never taken, empty advice.
- ``invariants``: the pathway's safety rules, on every route.
- ``contacts``: duplicate contact ids, and how old their facts are.
- ``regions``: a region's social map against its pathway (ids, ``serves``, ``after``), and municipalities in two
  regions; ``region_import``: the same checks on the region a CSV gives, before ``regions import`` writes it;
  ``stale``: the contacts to check again, grouped by who keeps them (``contacts --stale``).
- ``scenarios``: each practice case against its pathway (``validate`` and ``scenarios check`` alike).
- ``privacy``: questions that ask for something identifying.
- ``validate``: the run that collects every problem of every file; ``load``: loading a pathway, its contacts or a
  region for use.

The checks of the YAML and of the shapes are made while a file is read: ``format/source.py`` and ``format/shape.py``
document them. Problems are data, never raised. The checks import the format, the engine, ``samen_refer.problem``
and the tool's words (``samen_refer.i18n``), never the renderers, the terminal or the command line.
"""
