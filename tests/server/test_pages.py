"""The analysts' pages through Flask's test client: forms, tables, pictures, the editor
page, escaping and the Content Security Policy's rules (no inline script or style)."""

from __future__ import annotations

import re
import tomllib

from fixtures.paths import ROOT

from newsgraph.queries import load_queries
from newsgraph.server.charts import charts_for
from newsgraph.server.editor import EDITOR_VENDOR, editable_text
from newsgraph.server.tables import solution_table
from newsgraph.store import GraphStore

HTML = {"Accept": "text/html"}
PAGES = (
    "/",
    "/queries",
    "/queries/statements",
    "/queries/statements-by-person",
    "/queries/timeline",
    "/queries/competing-figures",
    "/queries/figures",
    "/editor",
    "/sparql",
    "/sparql?query=SELECT+*+WHERE+%7B%3Fs+%3Fp+%3Fo%7D+LIMIT+5&format=html",
)


# ``store`` and ``client`` are conftest's: the sample graph and a test client over it.


def page(client, path: str) -> str:  # type: ignore[no-untyped-def]
    response = client.get(path, headers=HTML)
    assert response.status_code == 200, response.text
    return response.text


def test_home_counts_latest_articles_and_saved_queries(client) -> None:  # type: ignore[no-untyped-def]
    html = page(client, "/")
    assert re.search(r'<span class="n">2</span> articles', html)
    assert re.search(r'<a href="/article/[^"]+">Russia admits conscripts</a>', html)
    assert '<time datetime="2022-03-10">10 Mar 2022</time>' in html
    assert 'href="/queries/timeline">Statements in date order</a>' in html
    assert '<option value="Vladimir Putin">' in html  # "What did … say?"


def test_saved_queries_are_grouped_by_tag_with_title_and_description(client) -> None:  # type: ignore[no-untyped-def]
    html = page(client, "/queries")
    figures = html[html.index('id="tag-figures"') : html.index('id="tag-people"')]
    assert "Competing figures for one counted thing" in figures
    assert "Every figure that counts a given thing" in figures
    assert "Who said what, and when" not in figures


def test_a_query_form_has_dropdowns_date_pickers_and_defaults(client) -> None:  # type: ignore[no-untyped-def]
    html = page(client, "/queries/statements-by-person")
    select = html[html.index('<select id="param-person"') : html.index("</select>")]
    assert '<option value="Vladimir Putin" selected>' in select
    assert '<option value="Igor Konashenkov">' in select
    assert '<label for="param-person">' in html
    timeline = page(client, "/queries/timeline")
    assert re.search(r'<input id="param-from" name="from" value="" type="date"', timeline)


def test_result_cells_are_linked_and_formatted(client) -> None:  # type: ignore[no-untyped-def]
    html = page(client, "/queries/figures")
    assert '<data value="2000">2,000</data>' in html and "4,000" in html
    assert re.search(r'<a href="/figure/[^"]+" title="https://newsgraph\.example/id/figure/', html)
    html = page(client, "/queries/statements-by-person?person=Igor+Konashenkov")
    assert '<time datetime="2022-03-09">9 Mar 2022</time>' in html
    assert re.search(r'<a href="/statement/[^"]+" title="[^"]+">evidence</a>', html)
    assert re.search(r'<a href="/person/igor-konashenkov"[^>]*>igor-konashenkov</a>', html)
    assert '<td class="bool">yes</td>' in html  # a direct quotation


def test_article_text_is_escaped_everywhere(client) -> None:  # type: ignore[no-untyped-def]
    for path in (
        "/queries/statements",
        "/queries/statements-by-person?person=US+Defense+Department",
        "/sparql?query=SELECT+%3Ft+WHERE+%7B+%3Fs+ng%3Atext+%3Ft+%7D&format=html",
    ):
        html = page(client, path)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, path
        assert "<script>alert" not in html, path


def test_pages_have_no_inline_script_or_style_and_nothing_from_other_sites(client) -> None:  # type: ignore[no-untyped-def]
    for path in PAGES:
        html = page(client, path)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=", html), path
        for url in re.findall(r'(?:src|href)="([^"]+)"', html):
            if url.startswith(("http://", "https://")):
                assert not url.endswith((".js", ".css")), (path, url)


def test_the_vendored_editor_is_served_with_its_license(client) -> None:  # type: ignore[no-untyped-def]
    html = page(client, "/editor")
    for name in ("codemirror.js", "codemirror.css", "sparql.js", "matchbrackets.js"):
        href = f"/static/{EDITOR_VENDOR}/{name}"
        assert href in html
        assert client.get(href).status_code == 200
    assert "MIT License" in (ROOT / "server" / "static" / EDITOR_VENDOR / "LICENSE").read_text()
    assert page(client, "/static/editor.js").startswith("// The SPARQL editor")


def test_the_editor_page_holds_a_shared_query_and_its_downloads(client) -> None:  # type: ignore[no-untyped-def]
    html = page(client, "/editor?query=ASK+%7B%7D")
    assert 'data-shared="1"' in html and ">ASK {}</textarea>" in html
    assert 'href="/sparql?query=ASK+%7B%7D&amp;format=csv"' in html
    assert "PREFIX ng: &lt;https://newsgraph.example/ns#&gt;" in html


def test_open_in_editor_gives_the_same_rows_as_the_saved_query(store: GraphStore) -> None:
    queries = load_queries()
    for name, values in (
        ("statements-by-person", {"person": "Igor Konashenkov"}),
        ("timeline", {"from": "2022-03-08"}),
        ("figures-by-source", {}),
    ):
        query = queries[name]
        saved = store.query(query.sparql, substitutions=query.bind(values))
        names = [v.value for v in saved.variables]
        expected = sorted(str([row[n] for n in names]) for row in saved)
        edited = store.query(editable_text(query, values))
        assert sorted(str([row[n] for n in names]) for row in edited) == expected, name
        assert expected, name


def test_a_saved_query_page_links_the_editor_and_a_share_link(client) -> None:  # type: ignore[no-untyped-def]
    html = page(client, "/queries/statements-by-person?person=Igor+Konashenkov")
    assert 'value="http://localhost/queries/statements-by-person?person=Igor+Konashenkov"' in html
    link = re.search(r'href="(/editor\?query=[^"]+)">Open in the SPARQL editor', html)
    assert link and "VALUES+%3F_person+%7B+%22Igor+Konashenkov%22+%7D" in link.group(1)


def test_timeline_and_figure_pictures(client, store: GraphStore) -> None:  # type: ignore[no-untyped-def]
    query = load_queries()["timeline"]
    with client.application.app_context():
        table = solution_table(store.query(query.sparql, substitutions=query.bind({})), 50)
        timeline = charts_for(table)["timeline"]
    assert [lane.label for lane in timeline.lanes] == ["Vladimir Putin", "Igor Konashenkov"]
    assert len(timeline.dots) == 3 and all(d.href.startswith("/statement/") for d in timeline.dots)
    html = page(client, "/queries/timeline")
    assert html.count('<circle class="dot"') == 3 and "<title>9 Mar 2022 — Igor" in html
    html = page(client, "/queries/competing-figures?what=soldiers+died")
    assert '<rect class="range"' in html and ">2,000–4,000</text>" in html


def test_package_data_ships_every_template_and_static_file() -> None:
    """pyproject's package-data globs must cover the vendored editor's nested folder."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["newsgraph.server"]
    server = ROOT / "server"
    shipped = {p for pattern in globs for p in server.glob(pattern) if p.is_file()}
    wanted = {p for folder in ("templates", "static") for p in (server / folder).rglob("*")}
    missing = sorted(str(p.relative_to(server)) for p in wanted if p.is_file() and p not in shipped)
    assert not missing, f"add globs to [tool.setuptools.package-data] for: {missing}"
