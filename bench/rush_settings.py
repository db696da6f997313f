"""Bench-only settings: the real app plus a bare reference view (bench/rush_urls.py)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.rush_urls"
