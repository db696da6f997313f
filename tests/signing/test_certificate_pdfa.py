"""Certificates are archival records: PDF/A-3b and tagged, as read by pikepdf (qpdf), an independent
reader, and every font embedded as pdffonts (poppler) lists them."""

import io
import subprocess
import zipfile

import pikepdf
import pytest

from signing import services
from tests.factories import make_edition, token_for
from tests.signing.factories import make_title

pytestmark = pytest.mark.django_db

PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"


def auth(name):
    return {"HTTP_AUTHORIZATION": f"Bearer {token_for(name, 'admin')}"}


def archival_facts(data: bytes) -> dict:
    """What a PDF/A validator looks at first, read with pikepdf."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        root = pdf.Root
        intents = [str(i.S) for i in root.get("/OutputIntents", [])]
        struct = root.get("/StructTreeRoot")
        kinds, alts = set(), []
        stack = [struct.K] if struct is not None else []
        while stack:  # the structure elements' types, walking the tree
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
            elif isinstance(node, pikepdf.Dictionary):
                if "/S" in node:
                    kinds.add(str(node.S))
                    if node.S == "/Figure" and "/Alt" in node:
                        alts.append(str(node.Alt))
                if "/K" in node:
                    stack.append(node.K)
        return {
            "part": meta.get(f"{PDFAID}part"),
            "conformance": meta.get(f"{PDFAID}conformance"),
            "marked": bool(root.get("/MarkInfo", {}).get("/Marked", False)),
            "has_struct_tree": struct is not None,
            "structure": kinds,
            "alt_texts": alts,
            "output_intents": intents,
            "lang": str(root.get("/Lang", "")),
            "encrypted": pdf.is_encrypted,
        }


def fonts_all_embedded(data: bytes, tmp_path) -> list[tuple[str, str]]:
    path = tmp_path / "cert.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    return [(row[0], row[-5]) for row in rows]  # (name, emb)


def check_archival(data: bytes, tmp_path, serials: list[str]):
    facts = archival_facts(data)
    assert (facts["part"], facts["conformance"]) == ("3", "B")
    assert facts["marked"] is True
    assert facts["has_struct_tree"] is True
    assert {"/Document", "/P", "/Figure"} <= facts["structure"]  # paragraphs, the QR image
    assert sorted(facts["alt_texts"]) == sorted(f"验证二维码 {serial}" for serial in serials)
    assert facts["output_intents"] == ["/GTS_PDFA1"]
    assert facts["lang"] == "zh-CN"
    assert facts["encrypted"] is False
    fonts = fonts_all_embedded(data, tmp_path)
    assert fonts and all(emb == "yes" for _, emb in fonts), fonts


def test_one_certificate_is_pdfa_3b_and_tagged(client, tmp_path):
    make_title()
    award = services.issue_award(title="design-base", recipient="天府设计产业园")
    response = client.get(f"/api/v1/awards/{award.serial}/certificate.pdf", **auth("cert"))
    assert response.status_code == 200
    check_archival(response.content, tmp_path, [award.serial])


def test_the_editions_certificates_are_pdfa_3b_and_tagged(client, tmp_path):
    edition = make_edition()
    make_title()
    serials = [
        services.issue_award(title="design-base", recipient=name, edition=edition).serial
        for name in ("天府设计产业园", "大足石刻文创园")
    ]
    response = client.get(f"/api/v1/events/{edition.slug}/documents/certificates.pdf", **auth("certs"))
    check_archival(response.content, tmp_path, serials)
    pack = client.get(f"/api/v1/events/{edition.slug}/documents/ceremony.zip", **auth("pack"))
    with zipfile.ZipFile(io.BytesIO(pack.content)) as archive:
        check_archival(archive.read(f"{edition.slug}-certificates-zh.pdf"), tmp_path, serials)
