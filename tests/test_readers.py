"""Readers: each input format becomes pages with the right text layout and metadata."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from presslens import registry
from presslens.ingest import decode_bytes, normalise_text, read_paths, sniff
from presslens.records import IngestError, Page
from presslens.settings import load_settings

FIXTURES = Path(__file__).parent / "fixtures"
HTML = FIXTURES / "html" / "article.html"
EXAMPLES = Path(__file__).parents[1] / "src" / "presslens" / "examples"
CANONICAL = "https://www.iranfocus.example/en/opinion/zarif-visit-free-iran-rally"


def write_warc(path: Path, pages: list[tuple[str, bytes, str]], *, gz: bool = True, charset: str = "utf-8") -> None:
    """A WARC with a warcinfo record, one response per (uri, html, date) and a non-HTML response."""
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "presslens-tests"}))
        for uri, body, date in pages:
            hh = StatusAndHeaders(
                "200 OK", [("Content-Type", f"text/html; charset={charset}")], protocol="HTTP/1.1"
            )
            w.write_record(
                w.create_warc_record(
                    uri, "response", payload=io.BytesIO(body), http_headers=hh, warc_headers_dict={"WARC-Date": date}
                )
            )
        hh = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://x.example/logo.png", "response",
                                            payload=io.BytesIO(b"\x89PNG\r\n\x1a\n0000"), http_headers=hh))


def read(*paths: Path | str, **ingest: object) -> list[Page | IngestError]:
    settings = load_settings()
    settings["ingest"].update(ingest)
    return list(read_paths(paths, settings))


def only_page(items: list[Page | IngestError]) -> Page:
    assert len(items) == 1 and isinstance(items[0], Page), items
    return items[0]


def test_builtin_readers_are_registered() -> None:
    assert {"text", "html", "warc", "jsonl"} <= set(registry.readers.names())


# --------------------------------------------------------------------------- text


def test_text_dump_is_stored_verbatim_with_path_key(tmp_path: Path) -> None:
    src = EXAMPLES / "000_f2f53a0ffb250155.txt"
    page = only_page(read(src))
    # The bundled sample's sidecar names a stable key; the path is still the file's.
    assert page.fmt == "text" and page.key == "presslens-sample/000_f2f53a0ffb250155.txt"
    assert page.path == str(src.absolute())
    bare = tmp_path / "dump.txt"
    bare.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    assert only_page(read(bare)).key == str(bare.absolute())  # no sidecar: the path is the key
    assert page.text == src.read_text(encoding="utf-8")
    assert page.text.startswith("Failed Attempts of Iran Regime Against MEK\n\nIran Focus\n\n")
    assert page.meta["encoding"] == "utf-8"


def test_crlf_and_bom_are_normalised(tmp_path: Path) -> None:
    f = tmp_path / "win.txt"
    f.write_bytes(b"\xef\xbb\xbfTitle line\r\n\r\nBody one.\rBody two.\r\n")
    page = only_page(read(f))
    assert page.text == "Title line\n\nBody one.\nBody two.\n"
    assert normalise_text("a\r\nb\u2028c") == "a\nb\nc"


@pytest.mark.parametrize(
    ("data", "expected", "encoding"),
    [
        ("Genève – “quoted”".encode("cp1252"), "Genève – “quoted”", "cp1252"),
        ("Ünïcödé text".encode("utf-16"), "Ünïcödé text", "utf-16"),
        ("Plain utf-16 without BOM here".encode("utf-16-le"), "Plain utf-16 without BOM here", "utf-16-le"),
        ("Zarif’s visit".encode() + b"\n" + "Genève 2019".encode("latin-1"), "Zarif’s visit\nGenève 2019", "mixed"),
    ],
)
def test_decoding_of_legacy_and_mixed_encodings(data: bytes, expected: str, encoding: str) -> None:
    text, enc = decode_bytes(data)
    assert text == expected
    assert enc.replace("_", "-").startswith(encoding) or encoding in enc


def test_undecodable_bytes_never_raise() -> None:
    text, _ = decode_bytes(bytes(range(128, 256)) * 3)
    assert isinstance(text, str) and text


# --------------------------------------------------------------------------- HTML


def test_html_page_text_and_metadata() -> None:
    page = only_page(read(HTML))
    assert page.fmt == "html"
    assert page.title == "Zarif visit fails to stop Free Iran rally in Paris"
    assert page.author == "Shahriar Kia"
    assert page.published == "2018-08-02"
    assert page.source == "Iran Focus"
    assert page.url == CANONICAL and page.key == CANONICAL
    assert page.tags == ["Opinion", "MEK", "Human rights"]
    assert page.path == str(HTML.absolute())
    blocks = page.text.split("\n\n")
    # Title first, then one block per paragraph / heading: the segmenter sees the layout.
    assert blocks[0] == page.title
    assert blocks[1].startswith("London, 2 Aug - Mere hours before")
    assert "Evidence of the 1988 massacre" in blocks
    assert any(b.startswith("“We will keep documenting every name,”") for b in blocks)
    # Boilerplate and scripts are gone.
    for junk in ("Privacy policy", "All rights reserved", "dataLayer", "About us", "Protests spread to Mashhad"):
        assert junk not in page.text


def test_html_declared_legacy_charset() -> None:
    page = only_page(read(FIXTURES / "html" / "latin1.html"))
    assert page.title == "Manifestation à Genève contre la répression"
    assert page.author == "Hélène Dupré" and page.source == "Le Courrier"
    assert "« Nous ne nous tairons pas »" in page.text
    assert page.url is None and page.key.endswith("latin1.html")


def test_short_html_still_yields_its_text(tmp_path: Path) -> None:
    f = tmp_path / "short.html"
    f.write_text("<html><head><title>Brief</title></head><body><p>Police fired tear gas.</p></body></html>")
    page = only_page(read(f))
    assert "Police fired tear gas." in page.text and page.title == "Brief"


def test_big_html_uses_streaming_strip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import presslens.ingest.html as readers

    monkeypatch.setattr(readers, "TRAFILATURA_MAX_BYTES", 10_000)
    f = tmp_path / "big.html"
    para = "<div><p>Protesters gathered in <b>Tehran</b> on Monday.</p><script>var x = 1;</script></div>\n"
    f.write_text(
        "<html><head><title>Big page</title><meta name='author' content='A. Writer'>"
        "<link rel='canonical' href='https://big.example/p'></head><body>" + para * 500 + "</body></html>"
    )
    page = only_page(read(f))
    assert page.meta["extraction"] == "stream"
    assert page.title == "Big page" and page.author == "A. Writer" and page.url == "https://big.example/p"
    blocks = page.text.split("\n\n")
    assert blocks[0] == "Big page" and blocks[1] == "Protesters gathered in Tehran on Monday."
    assert len(blocks) == 501 and "var x" not in page.text


# --------------------------------------------------------------------------- WARC


@pytest.mark.parametrize("gz", [True, False])
def test_warc_response_records_become_pages(tmp_path: Path, gz: bool) -> None:
    html = HTML.read_bytes()
    f = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(
        f,
        [
            ("https://www.iranfocus.example/a?utm=1", html, "2019-03-04T05:06:07Z"),
            ("https://www.iranfocus.example/b", html.replace(b"Paris", b"Lyon"), "2019-03-05T00:00:00Z"),
        ],
        gz=gz,
    )
    pages = read(f)
    assert all(isinstance(p, Page) for p in pages) and len(pages) == 2
    a, b = pages
    assert isinstance(a, Page) and isinstance(b, Page)
    assert a.key == a.url == "https://www.iranfocus.example/a?utm=1"
    assert a.captured == "2019-03-04T05:06:07Z" and b.captured == "2019-03-05T00:00:00Z"
    assert a.fmt == "warc" and a.title == "Zarif visit fails to stop Free Iran rally in Paris"
    assert a.author == "Shahriar Kia" and a.published == "2018-08-02" and a.source == "Iran Focus"
    assert a.tags == ["Opinion", "MEK", "Human rights"]
    assert a.meta["canonical_url"] == CANONICAL
    assert "Lyon" in b.text and "Lyon" not in a.text


def test_warc_http_charset_is_used(tmp_path: Path) -> None:
    html = (FIXTURES / "html" / "latin1.html").read_bytes().replace(b"charset=iso-8859-1", b"")
    f = tmp_path / "latin.warc.gz"
    write_warc(f, [("https://lecourrier.example/geneve", html, "2019-11-21T08:00:00Z")], charset="iso-8859-1")
    page = only_page(read(f))
    assert "Genève" in page.text and page.author == "Hélène Dupré"


# --------------------------------------------------------------------------- JSONL


def test_jsonl_shapes(tmp_path: Path) -> None:
    f = tmp_path / "mixed.jsonl"
    lines = [
        # news-please
        {"maintext": "Crowds marched in Baghdad.\nPolice watched.", "title": "March", "date_publish":
         "2020-01-02 10:00:00", "url": "https://np.example/1", "source_domain": "np.example",
         "authors": ["Ann Lee", "Bo Chan"]},
        # trafilatura JSON
        {"text": "Talks resumed in Vienna.", "title": "Talks", "date": "2021-04-06", "url": "https://tf.example/2",
         "sitename": "TF News", "hostname": "tf.example", "author": "Cy Dee", "categories": "World;Europe",
         "tags": "Iran,nuclear"},
        # bare minimum: no url -> key is path#Lline
        {"text": "Only text here."},
    ]
    f.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    a, b, c = read(f)
    assert isinstance(a, Page) and isinstance(b, Page) and isinstance(c, Page)
    assert (a.key, a.title, a.published, a.source, a.author) == (
        "https://np.example/1", "March", "2020-01-02 10:00:00", "np.example", "Ann Lee; Bo Chan")
    assert a.text == "Crowds marched in Baghdad.\nPolice watched."
    assert (b.source, b.author, b.published, b.tags) == ("TF News", "Cy Dee", "2021-04-06",
                                                         ["World", "Europe", "Iran", "nuclear"])
    assert c.key == f"{f.absolute()}#L3" and c.url is None and c.fmt == "jsonl"


def test_gzipped_jsonl(tmp_path: Path) -> None:
    f = tmp_path / "pages.jsonl.gz"
    with gzip.open(f, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": "Gzipped page.", "url": "https://gz.example/1"}) + "\n")
    assert only_page(read(f)).key == "https://gz.example/1"


# --------------------------------------------------------------------------- walking and sniffing


def test_folders_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "z").mkdir(parents=True)
    for rel in ("b/1.txt", "a/z/2.txt", "a/3.txt", "0.txt", ".hidden.txt"):
        (tmp_path / rel).write_text(f"page {rel}\n")
    keys = [Path(p.key).relative_to(tmp_path).as_posix() for p in read(tmp_path) if isinstance(p, Page)]
    assert keys == ["0.txt", "a/3.txt", "a/z/2.txt", "b/1.txt"]
    # The same file named twice is read once.
    assert len(read(tmp_path / "0.txt", tmp_path / "0.txt", tmp_path)) == 4


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "page.dat").write_bytes(HTML.read_bytes())
    (tmp_path / "rows.out").write_text(json.dumps({"text": "A JSON line.", "url": "https://j.example/"}) + "\n")
    (tmp_path / "notes").write_text("Just some text.\n")
    write_warc(tmp_path / "crawl.bin", [("https://w.example/", HTML.read_bytes(), "2020-01-01T00:00:00Z")])
    by_name = {Path(p.path).name: p.fmt for p in read(tmp_path) if isinstance(p, Page)}
    assert by_name == {"page.dat": "html", "rows.out": "jsonl", "notes": "text", "crawl.bin": "warc"}
    assert sniff(b"%PDF-1.7 ...", Path("x")) is None
