"""Safe output by construction: reports whose every text is an injection payload.

The HTML is parsed with a real HTML5 parser (html5lib, as browsers parse) and
must hold no element or attribute the renderer did not write. The Markdown is
rendered by GitHub's cmark-gfm (raw HTML allowed, as GitHub and many CMSs do)
and by Python-Markdown (which many CMSs and documentation sites use, and which
takes ``\\<`` for a backslash and a tag): no ``<script>``, no ``on*``
attribute, no ``javascript:`` link.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure.renderers import render
from gov_disclosure.renderers.html import CSP

html5lib: Any = pytest.importorskip("html5lib", reason="html5lib is not installed")
markdown: Any = pytest.importorskip("markdown", reason="Python-Markdown is not installed")

#: Injection payloads: tags, event handlers, links, entities, Markdown constructs, controls.
PAYLOADS = (
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "'><body onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "[a]: javascript:alert(1)\n\n[a]",
    "<javascript:alert(1)>",
    '<http://x.example/"onmouseover=alert(1)>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "<<script>script>alert(1)<</script>/script>",
    "</p><script>alert(1)</script><p>",
    "</td></tr></table><script>alert(1)</script>",
    "<!-- <script>alert(1)</script> -->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<style>*{background:url(javascript:alert(1))}</style>",
    "\\<script>alert(1)\\</script>",
    "`<script>`",
    "<div onclick='alert(1)'>x</div>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<object data=javascript:alert(1)>",
    "<base href=javascript:alert(1)//>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "| a | b |\n| --- | --- |\n| <script> | x |",
    "<details open ontoggle=alert(1)>",
    "\x01\x0b\x1b<script>\x7f",
    "\u2028<script>alert(1)</script>\u2029",
)

hostile = st.lists(
    st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=6)), min_size=1, max_size=3
).map("".join)
"""Text made of payloads, with any text around them."""
names = hostile.filter(str.strip)


@st.composite
def hostile_reports(draw: st.DrawFn) -> gd.Report:
    """A report whose every text field — and every cell note — is hostile."""

    def texts(size: int = 2) -> tuple[str, ...]:
        return tuple(draw(st.lists(names, min_size=1, max_size=size)))

    def subsections() -> list[gd.Subsection]:
        return [gd.Subsection(draw(names), texts()) for _ in range(draw(st.integers(0, 2)))]

    note = draw(hostile)
    row = gd.ApplicantRow(
        natural_person=gd.Count(1, note=note),
        commercial=gd.Count(not_applicable=True, note=draw(hostile)),
        research=gd.Count(note=draw(hostile)),
    )
    name = draw(names)
    return gd.Report(
        agency=gd.Agency(
            name,
            address=draw(hostile),
            postcode=draw(hostile),
            phone=draw(hostile),
            email=draw(hostile),
            website=draw(hostile),
        ),
        year=2024,
        title=draw(st.one_of(st.none(), names)),
        published=datetime.date(2025, 1, 20),
        preamble=texts(),
        overview=gd.Narrative(texts(), subsections()),
        active_disclosure=gd.ActiveDisclosure(
            licensing=gd.Count(5, note=draw(hostile)), fees=gd.Amount(note=draw(hostile))
        ),
        applications=gd.Applications(received=row, carried_over=row),
        review_litigation=gd.ReviewLitigation(
            review=gd.ReviewOutcomes(upheld=gd.Count(0, note=draw(hostile)))
        ),
        problems=gd.Narrative(texts(), subsections()),
        other_matters=gd.OtherMatters(
            texts(),
            subsections(),
            gd.ProcessingFees(notices=gd.Count(0, note=draw(hostile)), paragraphs=texts()),
        ),
        closing=draw(st.one_of(st.just(()), st.just(texts()))),
    )


hostile_settings = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- HTML -------------------------------------------------------------------------------------

#: Every element the HTML renderer writes, with the attributes it may carry and their values.
HTML_WRITES: dict[str, dict[str, re.Pattern[str]]] = {
    "html": {"lang": re.compile("zh-CN")},
    "head": {},
    "meta": {
        "charset": re.compile("utf-8"),
        "name": re.compile("viewport"),
        "content": re.compile(re.escape(CSP) + "|width=device-width, initial-scale=1"),
        "http-equiv": re.compile("Content-Security-Policy"),
    },
    "title": {},
    "style": {},
    "body": {},
    "article": {
        "class": re.compile("gov-disclosure"),
        "lang": re.compile("zh-CN"),
        **{
            f"data-gd-{name}": re.compile(".*", re.DOTALL)
            for name in ("year", "kind", "address", "postcode", "phone", "email", "website")
        },
    },
    "h1": {"data-gd-title": re.compile(".*", re.DOTALL)},
    "h2": {},
    "h3": {"class": re.compile("gd-fees"), "data-gd-topic": re.compile("[a-z_]+")},
    "p": {
        "class": re.compile("gd-fees-figures|gd-closing|gd-contact"),
        **{
            f"data-gd-{name}": re.compile(".*", re.DOTALL)
            for name in ("notices", "notified", "collected")
        },
    },
    "br": {},
    "div": {"class": re.compile("gd-signature|gd-table-wrap")},
    "table": {
        "class": re.compile("gd-table gd-(active-disclosure|applications|review-litigation)")
    },
    "caption": {},
    "thead": {},
    "tbody": {},
    "tr": {},
    "th": {
        "scope": re.compile("col|colgroup|row|rowgroup"),
        "rowspan": re.compile("[0-9]+"),
        "colspan": re.compile("[0-9]+"),
        "class": re.compile("gd-vertical|gd-note"),
    },
    "td": {"rowspan": re.compile("[0-9]+"), "colspan": re.compile("[0-9]+")},
}


def _elements(document: str) -> list[tuple[str, dict[str, str]]]:
    """Every element of *document* as a browser parses it: tag and attributes."""
    tree = html5lib.parse(document, treebuilder="etree", namespaceHTMLElements=False)
    return [(element.tag, dict(element.attrib)) for element in tree.iter() if element.tag]


def _only_what_the_renderer_writes(document: str) -> None:
    for tag, attributes in _elements(document):
        assert tag in HTML_WRITES, f"an element the renderer does not write: <{tag}>"
        allowed = HTML_WRITES[tag]
        for name, value in attributes.items():
            assert name in allowed, f"<{tag} {name}=…> is not the renderer's"
            assert allowed[name].fullmatch(value), f"<{tag} {name}={value!r}>"


@hostile_settings
@given(report=hostile_reports())
def test_html_holds_only_the_elements_and_attributes_it_writes(report: gd.Report) -> None:
    page = render(report, "html", standalone=True)
    _only_what_the_renderer_writes(page)
    _only_what_the_renderer_writes(render(report, "html"))
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", page)  # no raw control character


def test_the_page_has_a_restrictive_content_security_policy() -> None:
    page = render(gd.Report(gd.Agency("某局"), 2024), "html", standalone=True)
    metas = [a for tag, a in _elements(page) if tag == "meta" and "http-equiv" in a]
    assert metas == [{"http-equiv": "Content-Security-Policy", "content": CSP}]
    policy = dict(part.strip().split(" ", 1) for part in CSP.split(";"))
    assert policy["default-src"] == "'none'"  # no script, font, frame, connection …
    assert policy["style-src"] == "'unsafe-inline'"  # the page's own <style> only
    assert "script-src" not in policy
    assert page.index("Content-Security-Policy") < page.index("<style>")


def test_control_characters_are_references_and_read_back() -> None:
    text = "控制\x01字符\x1b与\x7f删除\x0b。"
    report = gd.Report(gd.Agency("某局", "department"), 2024, preamble=(text,))
    page = render(report, "html", standalone=True)
    assert "控制&#1;字符&#27;与&#127;删除&#11;。" in page
    assert gd.parse(page).report == report


# --- Markdown ---------------------------------------------------------------------------------

#: Elements that Markdown of the renderer's constructs gives (tables, headings, paragraphs,
#: bold item labels, <br>, the right-aligned signature; a GFM e-mail autolink).
MARKDOWN_ELEMENTS = frozenset(
    "html head body h1 h2 h3 p strong br table thead tbody tr th td a".split()
)
_JAVASCRIPT = re.compile(r"^\s*j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.I)


def _safe(document: str) -> None:
    for tag, attributes in _elements(document):
        assert tag in MARKDOWN_ELEMENTS, f"<{tag}>"
        for name, value in attributes.items():
            assert not name.lower().startswith("on"), f"<{tag} {name}=…>"
            assert not _JAVASCRIPT.match(re.sub(r"[\x00-\x20]", "", value)), f"{name}={value!r}"
            if tag == "a":
                assert name == "href", name
                assert value.startswith("mailto:"), value


@pytest.fixture(scope="module")
def cmark() -> Any:
    cmarkgfm: Any = pytest.importorskip("cmarkgfm", reason="cmarkgfm is not installed")
    options = cmarkgfm.cmark.Options.CMARK_OPT_UNSAFE  # raw HTML kept, as on many sites

    def to_html(text: str) -> str:
        return str(cmarkgfm.github_flavored_markdown_to_html(text, options=options))

    return to_html


@hostile_settings
@given(report=hostile_reports())
def test_markdown_is_safe_in_cmark_gfm_and_python_markdown(cmark: Any, report: gd.Report) -> None:
    text = render(report, "markdown")
    _safe(cmark(text))
    _safe(markdown.markdown(text, extensions=["tables"]))
    # entities, which Python-Markdown honours (an escaped backslash before <br> is no \<)
    assert "\\<" not in text.replace("\\\\", "")


def test_python_markdown_shows_markup_as_text() -> None:
    report = gd.Report(gd.Agency("某局"), 2024, preamble=("<script>alert('x')</script> & 1",))
    shown = markdown.markdown(render(report, "markdown"), extensions=["tables"])
    assert "<p>&lt;script&gt;alert('x')&lt;/script&gt; &amp; 1</p>" in shown


def test_a_backslash_before_the_end_of_a_signature_line_is_no_markdown_escape() -> None:
    # ``<p align="right">某局\</p>``: Python-Markdown would take ``\<`` for an escaped ``<``.
    report = gd.Report(gd.Agency("某局\\"), 2024, published=datetime.date(2025, 1, 20))
    text = render(report, "markdown")
    assert "\\<" not in text
    assert '<p align="right">某局&#92;</p>' in markdown.markdown(text, extensions=["tables"])
    assert gd.parse(text.encode("utf-8"), source="r.md").report.agency.name == "某局\\"
