"""Demo follow-up (filled in later)."""


def load(edition) -> None:
    return None
