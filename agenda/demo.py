"""Demo data for the Dazu 2023 edition (called by `manage.py load_demo`)."""


def load(edition) -> None:
    return None
