"""Chinese orderings from ICU (PyICU): surname stroke order (姓氏笔画) and pinyin. Not a hand-made table:
ICU's CLDR collation data is what Chinese word processors and databases sort by."""

from functools import cache

import icu

LOCALES = {"strokes": "zh@collation=stroke", "pinyin": "zh@collation=pinyin"}


@cache
def collator(by: str) -> icu.Collator:
    if by not in LOCALES:
        raise ValueError(f"order must be one of {sorted(LOCALES)}")
    return icu.Collator.createInstance(icu.Locale(LOCALES[by]))


def sort_key(by: str):
    """A key function for sorted(): bytes that compare as ICU orders the strings."""
    return collator(by).getSortKey
