"""The one PDF pipeline: Jinja2 (autoescape, StrictUndefined) -> HTML -> WeasyPrint -> PDF bytes.

Services build plain dicts; templates in templates/documents/ do no queries. WeasyPrint may only fetch the
project's own assets (static/, templates/documents/) and data: URIs; anything else is refused.
"""

from pathlib import Path
from urllib.parse import quote, unquote, urlparse

from django.conf import settings
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .qr import qr_png, qr_png_data_uri, qr_svg

# `qr_url(data)` in a print template names a QR code by its payload; the fetcher below encodes (or takes
# from the cache) the PNG when WeasyPrint asks for it. A long data: URI per badge costs more to parse
# (tinyhtml5 is pure Python) than the image costs to draw.
QR_SCHEME = "huiwu-qr:"

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
STATIC_DIR = Path(settings.BASE_DIR) / "static"
ALLOWED_ROOTS = (TEMPLATES_DIR.resolve(), STATIC_DIR.resolve())

# Noto CJK from Debian's fonts-noto-cjk; templates name it with lang="zh-CN".
CJK_FONT_STACK = '"Noto Sans CJK SC", "Noto Sans SC", "Noto Sans CJK", sans-serif'
CJK_SERIF_STACK = '"Noto Serif CJK SC", "Noto Serif SC", "Noto Serif CJK", serif'


def format_yuan(amount, unit: str = "auto") -> str:
    """Print an amount in yuan as 万元 or 亿元 (the units Chinese ceremony documents use)."""
    from decimal import Decimal

    value = Decimal(amount)
    if unit == "auto":
        unit = "亿元" if abs(value) >= Decimal("100000000") else "万元"
    divisor = Decimal("100000000") if unit == "亿元" else Decimal("10000")
    shown = (value / divisor).quantize(Decimal("0.01")).normalize()
    text = f"{shown:f}"
    return f"{text}{unit}"


def qr_url(data: str, box_size: int = 1) -> str:
    return f"{QR_SCHEME}{box_size}:{quote(data, safe='')}"


def _globals() -> dict:
    return {
        # Markup: the stacks hold quotes, which autoescape would turn into &#34; inside <style>.
        "CJK_FONT_STACK": Markup(CJK_FONT_STACK),
        "CJK_SERIF_STACK": Markup(CJK_SERIF_STACK),
        "qr_svg": qr_svg,
        "qr_png": qr_png_data_uri,
        "qr_url": qr_url,
    }


env = Environment(
    loader=FileSystemLoader(str(TEMPLATES_DIR)),
    autoescape=select_autoescape(["html", "xml"], default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
env.globals.update(_globals())
env.filters["yuan"] = format_yuan

# Templates an organiser can edit run sandboxed: no attribute access to internals, no imports.
sandbox = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
sandbox.filters["yuan"] = format_yuan


class LocalOnlyFetcher(URLFetcher):
    """Serves data: URIs and files under the project's static/ and templates/; refuses the rest."""

    def fetch(self, url, headers=None):
        if url.startswith(QR_SCHEME):
            box_size, _, data = url[len(QR_SCHEME) :].partition(":")
            png = qr_png(unquote(data), int(box_size))
            return URLFetcherResponse(url, png, {"Content-Type": "image/png"})
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parsed = urlparse(url)
        if parsed.scheme != "file":
            raise ValueError(f"Documents may not load external resources: {url}")
        path = Path(unquote(parsed.path)).resolve()
        if not any(path.is_relative_to(root) for root in ALLOWED_ROOTS):
            raise ValueError(f"Documents may only load the project's own assets: {url}")
        return super().fetch(url, headers)


_font_config = None


def font_config() -> FontConfiguration:
    global _font_config
    if _font_config is None:
        _font_config = FontConfiguration()
    return _font_config


def render_html(template_name: str, context: dict) -> str:
    return env.get_template(template_name).render(**context)


def render_string(source: str, context: dict) -> str:
    """Render an organiser-editable template in the sandbox."""
    return sandbox.from_string(source).render(**context)


def html_to_pdf(html: str, *, stylesheets: list[str] | None = None) -> bytes:
    document = HTML(
        string=html, base_url=str(TEMPLATES_DIR / "documents") + "/", url_fetcher=LocalOnlyFetcher()
    )
    css = [CSS(string=s, font_config=font_config()) for s in (stylesheets or [])]
    return document.write_pdf(stylesheets=css, font_config=font_config())


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render templates/<template_name> with `context` (plain data) to PDF bytes."""
    return html_to_pdf(render_html(template_name, context))
