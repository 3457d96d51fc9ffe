"""Documents under the size limit that would cost minutes or hours to parse: refused or flattened.

The PDFs are a few KB on disk: one page drawing an 8 MB content stream, 3,000 pages sharing one,
and streams just under and over the caps. The HTML nests a million elements.
"""

from __future__ import annotations

import pytest
from hostile_files import heavy_pdf, long_string_stream, many_pages_pdf, nested_html, pdf_document, policy_text_stream, text_operators

from privacy_tui.core.errors import UserError
from privacy_tui.core.policy import pdf as pdf_module
from privacy_tui.core.policy.html import html_text
from privacy_tui.core.policy.html_guard import MAX_DEPTH, flatten
from privacy_tui.core.policy.pdf import pdf_text

pytestmark = pytest.mark.timeout(120)


def _one_line(exc: pytest.ExceptionInfo) -> str:
    message = str(exc.value)
    assert "\n" not in message
    return message


def test_a_page_with_a_huge_content_stream_is_refused_before_extraction():
    data = heavy_pdf()
    assert len(data) < 64 * 1024  # small on disk: the cost is in the decompressed stream
    with pytest.raises(UserError) as info:
        pdf_text(data)
    assert "draw more than 1,024 KB of content (reached at page 1)" in _one_line(info)


def test_thousands_of_pages_are_refused():
    with pytest.raises(UserError) as info:
        pdf_text(many_pages_pdf(3000))
    assert "3,000 pages, more than the 1,000" in _one_line(info)


def test_pages_sharing_a_stream_count_it_once_per_page():
    # 20 pages x 100 KB (five operators each): each page is small, the document is not.
    with pytest.raises(UserError) as info:
        pdf_text(pdf_document(long_string_stream(100 * 1024), 20))
    assert "draw more than 1,024 KB of content (reached at page 11)" in _one_line(info)


def test_drawing_instructions_are_capped(monkeypatch):
    monkeypatch.setattr(pdf_module, "MAX_OPERATORS", 1000)
    with pytest.raises(UserError) as info:
        pdf_text(pdf_document(text_operators(64 * 1024)))
    assert "more than 1,000 drawing instructions" in _one_line(info)


def test_extracted_text_is_capped_as_pages_are_produced(monkeypatch):
    monkeypatch.setattr(pdf_module, "MAX_TEXT_CHARS", 500)
    with pytest.raises(UserError) as info:
        pdf_text(pdf_document(policy_text_stream(), 30))
    assert "more than 500 characters of text (reached at page " in _one_line(info)


def test_an_ordinary_pdf_passes_the_caps():
    text = pdf_text(pdf_document(policy_text_stream(), 3))
    assert text.count("privacy@example.com") == 3


def test_a_million_nested_elements_are_flattened_and_the_text_kept():
    markup = nested_html(1_000_000).decode()
    flat = flatten(markup)
    assert flat.dropped_deep > 0 and flat.dropped_many > 0
    assert "Privacy Policy" in html_text(markup)


def test_depth_is_bounded_but_ordinary_nesting_is_untouched():
    deep = "<div>" * (MAX_DEPTH + 50) + "text" + "</div>" * (MAX_DEPTH + 50)
    flat = flatten(deep)
    assert flat.dropped_deep == 50 and flat.markup.count("<div>") == MAX_DEPTH
    assert flat.markup.count("</div>") == MAX_DEPTH  # the dropped elements' end tags go too
    page = "<html><body>" + "<div><p>a<p>b<ul><li>x<li>y</ul></div>" * 5000 + "<br><img src=x></body></html>"
    assert flatten(page).markup == page  # unclosed <p> and <li> do not add up to depth


def test_tags_inside_raw_text_and_comments_do_not_count():
    markup = "<script>" + "<div>" * 10_000 + "</script><!--" + "<div>" * 10_000 + "--><p>kept</p>"
    assert flatten(markup).markup == markup


def test_self_closing_is_only_honoured_in_svg():
    assert flatten("<svg>" + "<path/>" * 10_000 + "</svg>").dropped_deep == 0
    assert flatten("<div/>" * (MAX_DEPTH + 1)).dropped_deep == 1  # HTML ignores the slash: they nest
