"""The phone guide: the pathway as one self-contained web page, deciding with a small interpreter of its data."""
