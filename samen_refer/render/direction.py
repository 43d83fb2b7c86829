"""A phone number reads left to right, in its own order, whatever text stands around it.

The Unicode bidirectional algorithm (UAX #9) lays a line out by the letters in it. Beside right-to-left text (a
contact's name in Arabic, Farsi or Tigrinya, in a future translation) the spaces and dashes of a number take the
direction of the text around them, and "033 448 11 86" is drawn as "86 11 448 033": the helper reads and dials a
number that is not the one written. So every output sets each phone number apart, as an isolate of its own,
left to right:

* HTML (the handouts, the sheets and the phone guide): ``<bdi dir="ltr">`` around the number (``bdi``).
* Text (the terminal, the txt and md handouts, the Twine story): the Unicode isolates U+2066 LEFT-TO-RIGHT ISOLATE
  and U+2069 POP DIRECTIONAL ISOLATE around the number (``isolated``). They take no room on screen (Rich and the C
  library count them 0 columns wide; ``shown_len`` does too, for laying out lines). Where the output cannot encode
  them (``PYTHONIOENCODING=ascii``, latin-1, the C locale), the command line leaves them out rather than print
  ``?`` (``cli.boundary``). Markdown gets the isolates, not ``<bdi>``: GitHub's sanitizer removes ``bdi``, and
  every other reader of a ``.md`` file would see the tag as text.

The ``tel:`` links keep coming from the checked ``phone`` field (``handout.tel``), never from a text. Machine
formats (``--format json``, ``yaml``, ``csv``) carry the number as it is written.
"""

from __future__ import annotations

from typing import Final

LRI: Final = "\u2066"  # LEFT-TO-RIGHT ISOLATE
PDI: Final = "\u2069"  # POP DIRECTIONAL ISOLATE
ISOLATES: Final = frozenset((LRI, PDI))


def isolated(number: str) -> str:
    """``number`` as a left-to-right isolate, for text outputs."""
    return f"{LRI}{number}{PDI}"


def shown_len(text: str) -> int:
    """How many characters of ``text`` take room on screen: the isolates do not."""
    return len(text) - text.count(LRI) - text.count(PDI)


def bdi(number: str) -> str:
    """``number`` as a left-to-right isolate in HTML, escaped."""
    from markupsafe import Markup

    return Markup('<bdi dir="ltr" class="number">{}</bdi>').format(number)
