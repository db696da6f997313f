"""The 通报's charts, drawn by matplotlib as SVG (glyphs as paths in Noto Sans CJK, so the PDF needs no
font for them) and embedded in the WeasyPrint document as data: URIs."""

import base64
import io

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

CJK = ["Noto Sans CJK SC", "Noto Sans CJK JP", "DejaVu Sans"]
STAGE_COLOURS = {
    "signed": "#b0bec5",
    "registered": "#90caf9",
    "started": "#4db6ac",
    "building": "#43a047",
    "producing": "#1b5e20",
    "terminated": "#9e9e9e",
}
STYLE = {"font.family": "sans-serif", "font.sans-serif": CJK, "svg.fonttype": "path", "svg.hashsalt": "huiwu"}


def _svg(fig: Figure) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()


def stages_per_edition(editions: list[dict], labels: dict) -> str:
    """A stacked horizontal bar per edition: how many of its projects stand at each stage."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(7.2, 0.55 * max(len(editions), 2) + 1.1))
        ax = fig.add_subplot()
        names = [e["label"] for e in editions]
        left = [0] * len(editions)
        for stage, colour in STAGE_COLOURS.items():
            values = [e["stages"][stage] for e in editions]
            ax.barh(names, values, left=left, color=colour, label=labels[stage], height=0.6)
            for i, v in enumerate(values):
                if v:
                    ax.text(left[i] + v / 2, i, str(v), ha="center", va="center", fontsize=8, color="white")
            left = [a + b for a, b in zip(left, values, strict=True)]
        ax.invert_yaxis()
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(labels["projects"])
        ax.legend(ncols=6, loc="upper center", bbox_to_anchor=(0.5, -0.25), fontsize=8, frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
        return _svg(fig)


def funds_against_investment(editions: list[dict], labels: dict) -> str:
    """Grouped bars per edition: the investment signed and the funds in (万元)."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(7.2, 3.2))
        ax = fig.add_subplot()
        xs = range(len(editions))
        invest = [float(e["investment_total"]) for e in editions]
        funds = [float(e["funds_in"]) for e in editions]
        ax.bar([x - 0.2 for x in xs], invest, width=0.4, color="#9b1c1c", label=labels["investment"])
        ax.bar([x + 0.2 for x in xs], funds, width=0.4, color="#f2b705", label=labels["funds_in"])
        for x, (a, b) in enumerate(zip(invest, funds, strict=True)):
            ax.text(x - 0.2, a, f"{a:,.0f}", ha="center", va="bottom", fontsize=8)
            ax.text(x + 0.2, b, f"{b:,.0f}", ha="center", va="bottom", fontsize=8)
        ax.set_xticks(list(xs), [e["label"] for e in editions])
        ax.set_ylabel(labels["unit"])
        ax.legend(fontsize=8, frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
        return _svg(fig)
