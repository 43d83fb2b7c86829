"""Sets as bit masks: bit k of an ``int`` stands for the k-th end of an exploration, block or condition term. Python's
integers make a set of a million ends one number, and their union, intersection and count cheap."""

from __future__ import annotations

from collections.abc import Iterable, Iterator


def union_of(masks: Iterable[int]) -> int:
    """Every bit set in any of the masks."""
    out = 0
    for mask in masks:
        out |= mask
    return out


def mask_of(indices: Iterable[int]) -> int:
    """The mask with these bits set."""
    out = 0
    for index in indices:
        out |= 1 << index
    return out


def set_bits(mask: int) -> Iterator[int]:
    """The set bits of a mask, lowest first (byte by byte: fast on masks of a million bits)."""
    for byte_index, byte in enumerate(mask.to_bytes((mask.bit_length() + 7) // 8, "little")):
        while byte:
            low = byte & -byte
            yield byte_index * 8 + low.bit_length() - 1
            byte ^= low
