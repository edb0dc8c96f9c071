"""decode_html: the right character set, GB18030 for Chinese pages, binary refused."""

from __future__ import annotations

import codecs
import random

import pytest

from scraper.encoding import decode_html, normalize_charset
from scraper.extract import ExtractError

# "𠀀" (U+20000) exists in GB18030 but not in GBK: a GBK decoder would fail on it.
ZH_BODY = (
    "关于进一步防范和处置虚拟货币交易炒作风险的通知。虚拟货币不具有与法定货币等同的法律地位，"
    "比特币、以太币、泰达币等虚拟货币不应且不能作为货币在市场上流通使用。𠀀"
)
_rng = random.Random(7)
CONTROL_NOISE = bytes(_rng.randrange(1, 32) for _ in range(2000))
ZH_PAGE = f"<html><head><title>通知</title></head><body><p>{ZH_BODY}</p></body></html>"


def test_gb18030_page_with_gb2312_meta_decodes() -> None:
    page = ZH_PAGE.replace("<head>", '<head><meta charset="gb2312">')
    assert decode_html(page.encode("gb18030")) == page


def test_gb18030_page_with_http_charset_gbk_decodes() -> None:
    assert decode_html(ZH_PAGE.encode("gb18030"), "GBK") == ZH_PAGE


def test_undeclared_gb18030_page_is_detected() -> None:
    assert ZH_BODY in decode_html(ZH_PAGE.encode("gb18030"))


def test_http_equiv_declaration_is_read() -> None:
    page = ZH_PAGE.replace(
        "<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=GBK">'
    )
    assert decode_html(page.encode("gb18030")) == page


@pytest.mark.parametrize("bom", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
def test_bom_wins(bom: bytes) -> None:
    codec = {codecs.BOM_UTF8: "utf-8", codecs.BOM_UTF16_LE: "utf-16-le"}.get(bom, "utf-16-be")
    assert decode_html(bom + ZH_PAGE.encode(codec), "iso-8859-1") == ZH_PAGE


def test_utf8_mislabelled_as_latin1_stays_utf8() -> None:
    assert decode_html("<p>Café – 通知</p>".encode(), "ISO-8859-1") == "<p>Café – 通知</p>"


def test_real_latin1_page_decodes() -> None:
    assert decode_html("<p>Café crème</p>".encode("cp1252"), "iso-8859-1") == "<p>Café crème</p>"


def test_charset_labels_normalize() -> None:
    assert normalize_charset("GB2312") == "gb18030"
    assert normalize_charset(" gbk ") == "gb18030"
    assert normalize_charset("UTF8") == "utf-8"
    assert normalize_charset("no-such-charset") is None


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"<html>\x00\x01\x02\x03</html>",
        CONTROL_NOISE,
    ],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(ExtractError, match="binary content, not a text page"):
        decode_html(data)


def test_empty_is_empty_text() -> None:
    assert decode_html(b"") == ""


def test_a_page_naming_its_charset_beats_a_server_s_iso_8859_1_default() -> None:
    """Many servers label every page ISO-8859-1, which any bytes satisfy: a GBK page that
    says ``charset=gb2312`` came out as "¹ØÓÚ¸öÈË..." (and a slug made of that)."""
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "<title>关于个人信息保护的通知</title></head><body><p>正文。</p></body></html>"
    ).encode("gbk")
    for label in ("ISO-8859-1", "latin1", "windows-1252"):
        assert "<title>关于个人信息保护的通知</title>" in decode_html(page, label), label
    # Without a charset of its own, the label is still what decides (a Western page).
    western = "<html><head><title>Café</title></head><body>Ça va</body></html>".encode("cp1252")
    assert "<title>Café</title>" in decode_html(western, "ISO-8859-1")


@pytest.mark.parametrize("label", ["utf-16", "UTF-16LE", "utf-16be", "utf-32"])
def test_an_ascii_readable_meta_saying_utf_16_is_read_as_utf_8(label: str) -> None:
    """The <meta> could be read as ASCII, so the page is not UTF-16: the guard compared the
    codec with "utf_16", a name Python never gives, and the page became 格浴㹬..."""
    for text in ("Rules", "Rules."):  # bytes of even and odd length
        page = f'<html><head><meta charset="{label}"><title>{text}</title></head></html>'
        assert f"<title>{text}</title>" in decode_html(page.encode("ascii"))
