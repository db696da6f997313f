"""Bench-only settings: the real app plus the plain reference views (bench/agenda_urls.py)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.agenda_urls"
