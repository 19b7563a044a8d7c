"""Member authorities for the site search: the public members with every query word in one of their
names, best first, in a few milliseconds at 100,000 authorities.

The directory's in-memory index (`cities/directory_index.py`) keeps each authority's folded names
(`City.search_text`) and tests a word with a Python loop over all of them (about 19 ms per word at
100,000). Here the same texts are one UTF-8 byte array, built once per directory index (so once per
data version), and "which texts contain this folded word" is answered with NumPy: the positions of
the word's least frequent byte, kept where the word's other bytes follow, mapped to their text. UTF-8
is self-synchronising, so a byte match is a character match: the same authorities as `text in
names`, the directory's own test, found in well under a millisecond per word.
"""

import threading

import numpy as np

from cities.directory_index import DirectoryIndex, get_directory_index
from core.text import fold

SEPARATOR = b"\n"  # before each text (and after the last); never in a folded text (`fold` makes spaces of it)
DENSE = 50  # a byte found in more than one place in DENSE: compare the whole array instead
_lock = threading.Lock()


class NameIndex:
    """`texts` (folded names, one string per authority, in the directory index's order) as one byte array."""

    def __init__(self, texts: list[str]):
        self.size = len(texts)
        blob = SEPARATOR + SEPARATOR.join(text.replace("\n", " ").encode() for text in texts) + SEPARATOR
        self.data = np.frombuffer(blob, dtype=np.uint8)
        self.starts = np.flatnonzero(self.data == SEPARATOR[0])  # text i is data[starts[i] + 1 : starts[i + 1]]
        self.frequency = np.bincount(self.data, minlength=256)

    def containing(self, needle: str) -> np.ndarray:
        """A boolean mask over the texts: True where `needle` occurs (it may start with the separator:
        "the text starts with…"; it never contains it elsewhere)."""
        key = np.frombuffer(needle.encode(), dtype=np.uint8)
        found = np.zeros(self.size, dtype=bool)
        if not len(key):
            found[:] = True
            return found
        data, width = self.data, len(key)
        if width > len(data):
            return found
        anchor = int(np.argmin(self.frequency[key]))  # the rarest byte of the needle
        if self.frequency[key[anchor]] <= len(data) // DENSE:  # few places to look at: look at those only
            starts = np.flatnonzero(data == key[anchor]) - anchor
            starts = starts[(starts >= 0) & (starts <= len(data) - width)]
            for offset in range(width):
                if offset != anchor and len(starts):
                    starts = starts[data[starts + offset] == key[offset]]
        else:  # a common byte: compare every byte of the needle with the whole array, at C speed
            end = len(data) - width + 1
            hit = data[:end] == key[0]
            for offset in range(1, width):
                hit &= data[offset : offset + end] == key[offset]
            starts = np.flatnonzero(hit)
        found[np.searchsorted(self.starts, starts, side="right") - 1] = True
        return found


def name_index(directory: DirectoryIndex) -> NameIndex:
    """The name index of this directory index, built on first use (it lives as long as the directory
    index, which is rebuilt when the data version moves on)."""
    names = directory.__dict__.get("_search_names")
    if names is None:
        with _lock:
            names = directory.__dict__.get("_search_names")
            if names is None:
                names = directory.__dict__["_search_names"] = NameIndex(directory.search_text)
    return names


def matching_authorities(terms: list[str], language: str) -> np.ndarray:
    """Ids of the public members whose folded names contain every one of `terms` (folded words), best
    first: a name starting with the whole query, then one with a word starting with the first word,
    then the others, each in the order of names in the reader's language (the directory's order)."""
    directory = get_directory_index()
    names = name_index(directory)
    mask = directory.mask({}, staff=False)  # public members only, as in the directory
    for term in terms:
        mask &= names.containing(fold(term) or term)
    order = directory.order("name", language)
    positions = order[mask[order]]
    if len(positions):
        whole = " ".join(terms)
        rank = np.where(names.containing(f" {terms[0]}"), 1, 2).astype(np.int8)
        rank[names.containing(SEPARATOR.decode() + whole) | names.containing(f"| {whole}")] = 0
        positions = positions[np.argsort(rank[positions], kind="stable")]  # stable: name order within a rank
    return directory.ids[positions]
