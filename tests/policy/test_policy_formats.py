"""Reading policies in every format and encoding, and refusing what is not a policy."""

from __future__ import annotations

import io

import pytest
from support.paths import POLICY_FIXTURES as FIXTURES

from privacy_tui.core.errors import UserError
from privacy_tui.core.policy import MAX_BYTES, analyze_bytes
from privacy_tui.core.policy.text import decode, detect_format, extract_text


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with real text (Helvetica), written with pypdf."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=612, height=792)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    ops = ["BT", "/F1 11 Tf", "14 TL", "50 740 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_html_with_a_ccpa_table():
    data = (FIXTURES / "ccpa_table.html").read_bytes()
    a = analyze_bytes(data, filename="ccpa_table.html")
    assert a.format == "html"
    # Scripts and navigation are dropped; table rows become lines with cells apart.
    assert "dataLayer" not in a.text and "Pricing" not in a.text
    assert "A. Identifiers | Name, email address, IP address, account name | YES" in a.text
    assert "\nBrightleaf Privacy Policy\n" in a.text
    assert a.company == "Brightleaf Labs, Inc."
    assert a.emails == ("privacy@brightleaf.app", "support@brightleaf.app")  # from a mailto: link
    assert "https://privacy.brightleaf.app/requests/new" in a.webforms
    assert "https://brightleaf.app/privacy/do-not-sell" in a.webforms
    assert not any("google" in url for url in a.webforms)
    # NO rows are not collected, whatever the examples in them say.
    assert a.ccpa_categories == ("A", "B", "D", "F", "K", "L")
    assert {i.item: i.category for i in a.data_items}["bank_account"] == "B"
    assert a.regimes == ("ccpa",)
    assert {"access", "deletion", "rectification", "opt_out_sale", "non_discrimination"} <= set(a.rights)
    assert a.response_days == 45  # not the 10 business days to confirm receipt
    assert a.address == "Brightleaf Labs, Inc., Attn: Legal, 123 Main St, Suite 100, San Francisco, CA 94105, United States"


def test_markdown_with_obfuscated_addresses_and_a_regulator():
    data = (FIXTURES / "eu_gmbh.md").read_bytes()
    a = analyze_bytes(data, filename="eu_gmbh.md")
    assert a.format == "markdown"
    assert "**" not in a.text and "## " not in a.text
    assert a.company == "Nordlicht Software GmbH"
    assert set(a.emails) == {"datenschutz@nordlicht-software.de", "dpo@nordlicht-software.de"}
    assert "mailbox@datenschutz-berlin.de" not in a.emails  # the regulator's
    assert "privacy@stripe.com" not in a.emails  # a processor's
    assert a.address == "Nordlicht Software GmbH, Lindenstraße 42, 10969 Berlin, Germany"
    assert a.regimes == ("gdpr",)
    assert a.response_days == 30  # "within one month"
    assert set(a.rights) == {
        "access", "rectification", "deletion", "restriction", "portability", "objection", "withdraw_consent"
    }
    assert "L" not in a.ccpa_categories  # "We do not process special categories of personal data."


def test_markdown_is_sniffed_without_an_extension():
    data = (FIXTURES / "eu_gmbh.md").read_bytes()
    assert analyze_bytes(data, filename="policy.txt").format == "markdown"


def test_pdf_generated_here():
    pdf = make_pdf(
        [
            "Acme Rockets Privacy Policy",
            "Acme Rockets Inc. (\"Acme\", \"we\", \"us\") collects your name and email address.",
            "To exercise your right to access or delete your data, email privacy@acme-rockets.com.",
            "We will respond to your request within 30 days.",
        ]
    )
    assert detect_format(pdf, "download", "") == "pdf"
    a = analyze_bytes(pdf, content_type="application/pdf")
    assert a.format == "pdf"
    assert a.company == "Acme Rockets Inc."
    assert a.emails == ("privacy@acme-rockets.com",)
    assert a.response_days == 30
    assert {"access", "deletion"} <= set(a.rights)
    assert a.ccpa_categories == ("A",)


def test_broken_pdf_is_a_clear_error():
    with pytest.raises(UserError, match="PDF"):
        analyze_bytes(b"%PDF-1.7\n1 0 obj <</Type /Catalog>> garbage", filename="x.pdf")


def test_latin1_text():
    text = (
        "Politique de confidentialité\n\nCafé Lumière SARL (« nous », \"we\") traite vos données. "
        "Contact : privacy@cafe-lumiere.fr. Vous pouvez demander l'accès à vos données.\n"
    )
    a = analyze_bytes(text.encode("latin-1"), filename="policy.txt")
    assert "Café Lumière" in a.text and "données" in a.text
    assert a.emails == ("privacy@cafe-lumiere.fr",)
    assert a.company == "Café Lumière SARL"


def test_cp1252_smart_quotes_and_utf16():
    text = "Acme Widgets Inc. (\u201cAcme\u201d, \u201cwe\u201d) respects your privacy. Write to privacy@acmewidgets.com.\n"
    for data in (text.encode("cp1252"), text.encode("utf-16"), b"\xef\xbb\xbf" + text.encode("utf-8")):
        a = analyze_bytes(data)
        assert a.company == "Acme Widgets Inc."
        assert a.emails == ("privacy@acmewidgets.com",)
    assert decode(text.encode("utf-16-le"))[0].startswith("Acme Widgets")


def test_binary_junk_inside_text_does_not_crash():
    data = b"Contact privacy@junk-corp.com\x00\x07\x1b for requests.\xff\xfe\x80 More text.\n"
    a = analyze_bytes(data)
    assert a.emails == ("privacy@junk-corp.com",)


def test_binary_file_is_refused():
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64
    with pytest.raises(UserError, match="binary"):
        analyze_bytes(png, filename="logo.png")


@pytest.mark.parametrize("data", [b"", b"   \n\t  \n"])
def test_empty_file_is_refused(data):
    with pytest.raises(UserError, match="empty"):
        analyze_bytes(data, filename="empty.txt")


def test_size_limit_is_5_mib():
    with pytest.raises(UserError, match="5 MB"):
        analyze_bytes(b"a" * (MAX_BYTES + 1))
    # Exactly the limit is accepted (text extraction only: analysing 5 MB is the benchmark's job).
    assert len(extract_text(b"a " * (MAX_BYTES // 2)).text) == MAX_BYTES


def test_html_is_sniffed_and_mailto_kept():
    html = b"<div><p>Email <a href='mailto:dpo@sniffed.org?subject=Request'>our DPO</a> for access requests.</p></div>"
    extracted = extract_text(html)
    assert extracted.format == "html"
    assert "our DPO (dpo@sniffed.org)" in extracted.text


def test_html_page_without_text_is_refused():
    page = b"<html><head><title></title><script>render()</script></head><body><div id='app'></div></body></html>"
    with pytest.raises(UserError, match="JavaScript"):
        analyze_bytes(page, filename="privacy.html")
