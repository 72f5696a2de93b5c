"""Reading raw documents: encodings, refusals with reasons, script detection."""
import pytest

from etl.script import detect_script, to_simplified
from etl.sources import UnreadableDocument, decode


@pytest.mark.parametrize("data, text, encoding", [
    ("广东省“粤省事”".encode("utf-8"), "广东省“粤省事”", "utf-8"),
    ("\ufeff津心办".encode("utf-8"), "津心办", "utf-8"),           # BOM dropped
    ("數字政府建設".encode("gb18030"),
     "數字政府建設", "gb18030"),
    ("注册用户超过1000万".encode("gbk"), "注册用户超过1000万", "gb18030"),
])
def test_decode_text(data, text, encoding):
    got, enc, _ = decode(data)
    assert (got, enc) == (text, encoding)


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"  \n\t ", "empty file"),
    (b"PK\x03\x04\x00\x00", "binary file (NUL bytes)"),
    (bytes(range(1, 9)) * 100, "binary file"),
])
def test_decode_refuses_with_a_reason(data, reason):
    with pytest.raises(UnreadableDocument, match=reason.replace("(", r"\(").replace(")", r"\)")):
        decode(data)


@pytest.mark.parametrize("text, script", [
    ("近年來,在政府管理理念轉變和技術高速發展的雙重作用下", "traditional"),
    ("近年来,在政府管理理念转变和技术高速发展的双重作用下", "simplified"),
    ("Digital government 2022", "simplified"),
])
def test_detect_script(text, script):
    assert detect_script(text) == script


def test_to_simplified():
    assert to_simplified("數字政府") == "数字政府"
