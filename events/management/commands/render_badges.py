"""manage.py render_badges SLUG -o FILE [--category CODE] [--size a6|card|a4x4]"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from events import selectors
from events.badges import render
from events.exceptions import DomainError


class Command(BaseCommand):
    help = "Render every confirmed badge of an edition (or of one category) into one PDF."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the edition, e.g. dazu-2023")
        parser.add_argument("-o", "--output", required=True, help="the PDF file to write")
        parser.add_argument("--category", help="only this category's code (e.g. guest)")
        parser.add_argument("--size", default="a6", choices=render.SIZES)
        parser.add_argument("--workers", type=int, default=None, help="render processes (default: 2)")

    def handle(self, *args, slug, output, category, size, workers, **options):
        started = time.perf_counter()
        bar = ProgressBar(getattr(self.stderr, "_out", sys.stderr))
        try:
            edition = selectors.get_edition(slug)
            total = render.render_badge_file(
                edition=edition,
                out=output,
                category=category,
                size=size,
                progress=bar.update,
                workers=workers,
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        bar.finish()
        self.stdout.write(f"{total} badges -> {output} ({time.perf_counter() - started:.1f} s)")


class ProgressBar:
    """`[#####.....] 40/100` on stderr, redrawn in place on a terminal, a line per step otherwise."""

    def __init__(self, stream, width: int = 30):
        self.stream = stream
        self.width = width
        self.tty = stream.isatty()

    def update(self, done: int, total: int) -> None:
        filled = self.width * done // total if total else self.width
        line = f"[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total}"
        self.stream.write(("\r" + line) if self.tty else line + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\n")
