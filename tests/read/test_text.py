from __future__ import annotations

from quidixit.model import Article, Failure, article_id
from quidixit.read import read_sources, read_text

from .conftest import SAMPLE


def test_whole_file_is_the_text_and_first_line_the_title():
    path = SAMPLE / "sana-lavrov-2017-fr.txt"
    raw = path.read_bytes().decode("utf-8")
    (article,) = read_sources([path])
    assert isinstance(article, Article)
    assert article.text == raw  # not stripped, not normalised: offsets index the file
    assert article.title == "Lavrov\u00a0: Les terroristes soutenues par les Etats-Unis constituent un danger sur les zones de désescalade"
    assert article.source == str(path)
    assert article.id == article_id(raw)
    assert article.language == "fr"


def test_garbage_files_fail_with_their_code_and_good_files_still_read(tmp_path):
    (tmp_path / "a-good.txt").write_text("Titre\n\nLe ministre a déclaré que tout allait bien.\n", encoding="utf-8")
    (tmp_path / "b-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "c-empty.txt").write_bytes(b"  \n\t\n")
    (tmp_path / "d-latin1.txt").write_bytes("Le préfet a dit".encode("latin-1"))
    (tmp_path / "e-huge.txt").write_text("Titre\n" + "mot " * 300, encoding="utf-8")
    (tmp_path / "f-good.txt").write_text("Un autre\n\nSelon la police, le calme est revenu.", encoding="utf-8")
    items = list(read_sources([tmp_path], max_chars=1000, format="text"))
    by_name = {item.source.rsplit("/", 1)[1]: item for item in items}
    assert [isinstance(by_name[n], Article) for n in ("a-good.txt", "f-good.txt")] == [True, True]
    codes = {n: by_name[n].code for n in ("b-binary.txt", "c-empty.txt", "d-latin1.txt", "e-huge.txt")}
    assert codes == {"b-binary.txt": "QX103", "c-empty.txt": "QX104", "d-latin1.txt": "QX102", "e-huge.txt": "QX107"}
    assert "byte 5" in by_name["d-latin1.txt"].message  # "Le pr\xe9fet": the é is byte 5
    assert "iconv" in by_name["d-latin1.txt"].message  # says what to do next


def test_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * 5000)
    (item,) = read_sources([path], max_chars=1000)
    assert isinstance(item, Failure) and item.code == "QX107"


def test_bom_is_dropped_and_a_single_line_has_no_title():
    article = read_text("\ufeffUne seule ligne sans titre.".encode("utf-8"), "x.txt")
    assert article.text == "Une seule ligne sans titre."
    assert article.title is None


def test_missing_path_is_a_failure():
    (item,) = read_sources(["/nonexistent/quidixit.txt"])
    assert isinstance(item, Failure) and item.code == "QX101"
