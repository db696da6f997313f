"""Imported by the render processes' fork server only (documents.render_process): loads the PDF
pipeline and warms fontconfig, Pango and HarfBuzz with the Noto CJK faces (regular and bold) once, so
every render process forked from it starts warm."""

from . import pipeline, render_process  # noqa: F401 - render_process: the pool's initializer

try:
    pipeline.html_to_pdf(
        f'<html lang="zh-CN"><style>body {{ font-family: {pipeline.CJK_FONT_STACK} }}</style>'
        "<body>会<b>务</b> Aa</body></html>"
    )
except Exception:  # noqa: BLE001 - a failed warm-up only costs the first render some time
    pass
