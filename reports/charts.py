"""Charts through matplotlib: SVG with its text kept as text (svg.fonttype 'none', so a PDF embedding it can
be searched and read back, and a browser draws it crisp), Noto Sans CJK for Chinese, the Agg backend (no
display). Pure drawing: the figures, titles and labels come from reports.sections."""

import datetime as dt
import io
import threading
import xml.etree.ElementTree as ET

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

# Debian's fonts-noto-cjk (scripts/system-deps.sh). matplotlib scans the system fonts once; the faces are
# added by path as well in case its cache was built before the package was installed.
CJK_FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
)
FONT_FAMILY = ["Noto Sans CJK SC"]
THIS_COLOUR = "#9b1c1c"
PREVIOUS_COLOUR = "#9ca3af"
SERIES_COLOURS = ["#9b1c1c", "#1d4ed8", "#047857", "#b45309", "#6d28d9", "#0f766e"]
RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "huiwu-report",  # the same figures give the same SVG bytes
    "font.family": FONT_FAMILY,
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.unicode_minus": False,
}
LABELLED_BARS = 36
SVG_NS = "http://www.w3.org/2000/svg"
SVG_G = f"{{{SVG_NS}}}g"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
_setup_lock = threading.Lock()
_ready = False


def _setup() -> None:
    global _ready
    with _setup_lock:
        if _ready:
            return
        known = {f.fname for f in font_manager.fontManager.ttflist}
        for path in CJK_FONT_FILES:
            if path not in known:
                try:
                    font_manager.fontManager.addfont(path)
                except (FileNotFoundError, RuntimeError):
                    pass  # without the package the chart still renders, with boxes for Chinese
        matplotlib.rcParams.update(RC)
        _ready = True


def _figure(height: float = 3.4, *, left: float = 0.8) -> tuple[Figure, object]:
    """A figure 7 inches wide; margins in inches (fixed: matplotlib's constrained layout triples the cost)."""
    _setup()
    # Figure(), not pyplot: no global state, safe in a threaded server.
    fig = Figure(figsize=(7.0, height))
    fig.subplots_adjust(left=left / 7.0, right=0.97, top=1 - 0.95 / height, bottom=0.85 / height)
    return fig, fig.add_subplot()


def _title(ax, title: str) -> None:
    """The finding at the figure's top left (two lines rather than past the edge); the legend, if any, in a
    row between it and the plot, where it hides no bar."""
    width = 72 if title.isascii() else 38
    ax.figure.text(0.015, 0.985, wrap(title, width), ha="left", va="top", fontsize=11.5, fontweight="bold")
    handles, labels = ax.get_legend_handles_labels()
    if len(handles) > 1:
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=len(handles), frameon=False, fontsize=8)


def _svg(fig: Figure) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    return _lean(buf.getvalue())


def _lean(text: str) -> str:
    """matplotlib's SVG with its bare groups unwrapped: every artist comes in a <g id=...> of its own that
    carries nothing else (no transform, style or clip), more than half the elements of a chart; the PDF's
    renderer cascades styles and graphic state per element, so the same drawing with half the elements
    draws in about half the time. Pure structure: the same shapes, text and order. No XML prolog or
    DOCTYPE, which neither inline use nor a data: image needs."""
    root = ET.fromstring(text)
    _unwrap(root)
    return ET.tostring(root, encoding="unicode")


def _unwrap(parent) -> None:
    children = []
    for child in parent:
        _unwrap(child)
        if child.tag == SVG_G and set(child.attrib) <= {"id"} and not (child.text or "").strip():
            children.extend(child)
        else:
            children.append(child)
    parent[:] = children


def wrap(label: str, width: int = 14) -> str:
    """A long label on several lines: at spaces for English, every `width` characters for Chinese."""
    if len(label) <= width:
        return label
    if " " in label:
        lines, line = [], ""
        for word in label.split():
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        return "\n".join([*lines, line])
    return "\n".join(label[i : i + width] for i in range(0, len(label), width))


def grouped_bars(
    *,
    title: str,
    groups: list[str],
    series: list[tuple[str, list[float], str | None]],
    xlabel: str,
    ylabel: str,
    horizontal: bool = False,
    value_format=str,
) -> str:
    """Bars per group, one bar per series (label, values, colour or None for the palette), values written
    on the bars."""
    height = (
        max(3.0, 0.13 * len(groups) * max(len(series), 1) + 0.15 * len(groups) + 1.4) if horizontal else 3.4
    )
    wrapped = [wrap(g, 24 if g.isascii() else 12) for g in groups]
    longest = max((max(len(line) for line in w.split("\n")) for w in wrapped), default=4)
    left = (
        min(2.6, 0.35 + 0.075 * longest * (1 if all(g.isascii() for g in groups) else 1.9))
        if horizontal
        else 0.8
    )
    fig, ax = _figure(height, left=left)
    n = max(len(series), 1)
    width = 0.8 / n
    positions = list(range(len(groups)))
    for k, (label, values, colour) in enumerate(series):
        offsets = [p - 0.4 + width * (k + 0.5) for p in positions]
        colour = colour or SERIES_COLOURS[k % len(SERIES_COLOURS)]
        if horizontal:
            bars = ax.barh(offsets, values, height=width, label=label, color=colour, clip_on=False)
        else:
            bars = ax.bar(offsets, values, width=width, label=label, color=colour, clip_on=False)
        if len(groups) * n <= LABELLED_BARS:  # beyond, the numbers crowd the chart (the table has them)
            ax.bar_label(bars, labels=[value_format(v) for v in values], padding=2, fontsize=8)
    labels = wrapped if horizontal else [wrap(g) for g in groups]
    if horizontal:
        ax.set_yticks(positions, labels)
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.margins(x=0.12)
    else:
        ax.set_xticks(positions, labels)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.margins(y=0.15)
    _title(ax, title)
    return _svg(fig)


def time_bars(
    *,
    title: str,
    series: list[tuple[str, list[tuple[dt.datetime, int]]]],
    minutes: int,
    xlabel: str,
    ylabel: str,
    tz,
) -> str:
    """Counts per interval of `minutes` over the time of day, one colour per series (door point)."""
    fig, ax = _figure()
    width = dt.timedelta(minutes=minutes) * 0.9
    for k, (label, points) in enumerate(series):
        if not points:
            continue
        drawn = [(at, n) for at, n in points if n]  # an empty interval is no bar (fewer shapes to draw)
        ax.bar(
            [at for at, _ in drawn],
            [n for _, n in drawn],
            width=width,
            align="edge",
            label=label,
            color=SERIES_COLOURS[k % len(SERIES_COLOURS)],
            clip_on=False,
        )
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M", tz=tz))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(tz=tz, maxticks=10))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.yaxis.get_major_locator().set_params(integer=True)
    _title(ax, title)
    return _svg(fig)


def day_bars(
    *, title: str, days: list[dt.date], stacks: list[tuple[str, list[int]]], xlabel: str, ylabel: str
) -> str:
    """Stacked bars per day (confirmed, waitlisted), a bar for every day from the first to the last."""
    fig, ax = _figure()
    positions = list(range(len(days)))
    bottom = [0] * len(days)
    for k, (label, values) in enumerate(stacks):
        drawn = [i for i, v in enumerate(values) if v]  # a day without any is no bar
        ax.bar(
            [positions[i] for i in drawn],
            [values[i] for i in drawn],
            bottom=[bottom[i] for i in drawn],
            label=label,
            color=SERIES_COLOURS[k % len(SERIES_COLOURS)],
            clip_on=False,
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    step = max(1, len(days) // 10)
    ax.set_xticks(positions[::step], [d.strftime("%m-%d") for d in days[::step]])
    ax.set_xlim(-0.8, max(len(days), 6) - 0.2)  # a single day is a bar, not the whole width
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.yaxis.get_major_locator().set_params(integer=True)
    _title(ax, title)
    return _svg(fig)
