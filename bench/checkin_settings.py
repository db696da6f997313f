"""Bench-only settings: the real app plus the bare reference check-in view (bench/checkin_urls.py)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.checkin_urls"
