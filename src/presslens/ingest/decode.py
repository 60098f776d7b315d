"""Decoding bytes of unknown encoding, and the text normalisation every stored offset points into."""

from __future__ import annotations

import codecs
import re

from .sniff import BOMS, _utf16_guess

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def _best_guess(data: bytes) -> str:
    """charset-normalizer's pick, except that cp1252 wins a tie (short samples are ambiguous and
    cp1252 is by far the most common legacy encoding of web text)."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[: 1 << 20]))
    if not matches:
        return "cp1252"
    top = matches[0]
    for m in matches:
        if m.encoding == "cp1252" and m.chaos <= top.chaos and m.coherence >= top.coherence - 0.05:
            return "cp1252"
    return str(top.encoding)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode bytes of unknown encoding; never raises. Returns (text, encoding description).

    Order: BOM; UTF-16 without BOM (NUL in every other byte); UTF-8 (strict); charset-normalizer on the whole; and when the
    file mixes encodings (valid UTF-8 lines among others) line by line: UTF-8 where a line is
    valid, otherwise the encoding detected for the non-UTF-8 lines. Last resort: UTF-8 with
    U+FFFD replacement characters.
    """
    for bom, enc in BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace"), enc + "-bom"
    # Before UTF-8: ASCII text in UTF-16 is also valid UTF-8 (with a NUL after every letter).
    u16 = _utf16_guess(data)
    if u16:
        return data.decode(u16, errors="replace"), u16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    wtf8 = _utf8_with_surrogates(data)
    if wtf8 is not None:
        return wtf8, "utf-8+surrogates"
    lines = data.splitlines(keepends=True)
    good = bad = 0
    bad_lines: list[bytes] = []
    for ln in lines:
        try:
            ln.decode("utf-8")
            # Only lines with non-ASCII bytes are evidence of UTF-8.
            if max(ln, default=0) > 127:
                good += 1
        except UnicodeDecodeError:
            bad += 1
            bad_lines.append(ln)
    legacy = _best_guess(b"".join(bad_lines) if bad_lines else data)
    if legacy.lower().replace("_", "-") in ("utf-8", "utf8", "ascii"):
        legacy = "cp1252"  # the non-UTF-8 part cannot be UTF-8; cp1252 decodes every byte but 5
    if good == 0:
        return data.decode(legacy, errors="replace"), legacy
    out = []
    for ln in lines:
        try:
            out.append(ln.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(ln.decode(legacy, errors="replace"))
    return "".join(out), f"mixed:utf-8+{legacy}"


_SURROGATES = re.compile("[\ud800-\udfff]+")


def _utf8_with_surrogates(data: bytes) -> str | None:
    """UTF-8 that encodes UTF-16 surrogates (WTF-8/CESU-8, what Java and some JSON tools write):
    the rest of the file is UTF-8, so only the surrogates are replaced (a pair is one character,
    a lone one U+FFFD). Without this the whole file went to a legacy-encoding guess (cp1125
    for an English page with one lone surrogate)."""
    try:
        text = data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return None
    return _SURROGATES.sub(
        lambda m: m.group().encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace"), text)


def html_charset(label: str | None) -> str | None:
    """A declared charset as Python names it; the WHATWG labels for latin-1 and ASCII mean cp1252
    (what browsers decode them as: pages labelled ISO-8859-1 use 0x80-0x9F for quotes and dashes)."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def decode_html(data: bytes, *declared: str | None) -> bytes | str:
    """An HTML page's bytes for the extractor: unchanged when they are UTF-8 (trafilatura reads
    those the same way), else decoded here. trafilatura ignores a declared charset and takes
    charset-normalizer's first guess, which for short French or German pages is often cp1250
    (``arrêtées à`` stored as ``arrętées ŕ``). Order: the first declared charset (HTTP header,
    ``<meta charset>``) that decodes the bytes without an error, else the text-dump policy's
    guess (cp1252 wins a tie)."""
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    for label in declared:
        enc = html_charset(label)
        if enc is None or enc == "utf-8":
            continue
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode(_best_guess(data), errors="replace")


def normalise_text(text: str) -> str:
    """Newlines to ``\\n``, BOM and NUL dropped; every stored offset points into this text."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = _NEWLINES.sub("\n", text)
    return text.replace("\x00", "")

