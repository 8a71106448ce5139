"""Reading inputs: text, HTML, and every kind of bad input."""

import pytest

from credgraph.draft.documents import MAX_INPUT_BYTES, read_document
from credgraph.draft.records import DraftInputError

PAGE = (b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>T</title>"
        b"<meta name='author' content='Ann Lee'>"
        b"<meta property='article:published_time' content='2024-06-18'></head><body>"
        b"<nav><a href='/'>Home</a></nav><article><h1>Soldiers ask for help</h1>"
        b"<p>The group said it received 3,150 requests between January and May.</p>"
        b"</article><footer>Copyright 2024</footer></body></html>")


def test_html_main_text_and_metadata(tmp_path):
    (tmp_path / "a.html").write_bytes(PAGE)
    doc = read_document(str(tmp_path / "a.html"))
    assert "3,150 requests" in doc.text and "Home" not in doc.text and "Copyright" not in doc.text
    assert (doc.author, doc.date, doc.kind) == ("Ann Lee", "2024-06-18", "html")


def test_html_with_a_declared_charset(tmp_path):
    page = PAGE.replace(b"utf-8", b"windows-1251").replace(b"The group", "Группа".encode("cp1251"))
    (tmp_path / "a.html").write_bytes(page)
    assert "Группа" in read_document(str(tmp_path / "a.html")).text


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "is empty"),
    ("blank.txt", b"  \n\n \t\n", "is empty"),
    ("binary.txt", b"PK\x03\x04\x00\x00binary", "is binary"),
    ("latin1.txt", "Soldats: 300 déserteurs".encode("latin-1"), "is not UTF-8"),
    ("notext.html", b"<html><body><nav>Home</nav><script>x=1</script></body></html>",
     "no main text"),
    ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "is binary"),
])
def test_bad_input_names_the_file(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(DraftInputError, match=message) as info:
        read_document(str(tmp_path / name))
    assert name in str(info.value) and info.value.exit_code == 2


def test_a_page_too_large(tmp_path):
    path = tmp_path / "huge.html"
    with path.open("wb") as fh:
        fh.write(b"<html><body><p>")
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(DraftInputError, match="MB") as info:
        read_document(str(path))
    assert "huge.html" in str(info.value) and path.stat().st_size > MAX_INPUT_BYTES


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(DraftInputError, match="cannot be read"):
        read_document(str(tmp_path / "nope.txt"))
    with pytest.raises(DraftInputError, match="not a file"):
        read_document(str(tmp_path))
