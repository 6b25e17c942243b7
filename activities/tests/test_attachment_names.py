"""The name a person gave an uploaded file is kept only as a safe last part."""

import pytest

from activities.attachments import safe_file_name


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("会议照片.jpg", "会议照片.jpg"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\x.pdf", "x.pdf"),
        ("C:\\Users\\张三\\报告 (1).pdf", "报告 (1).pdf"),
        (".htaccess", "htaccess"),
        ("a..b.pdf", "a.b.pdf"),
        ("<script>.png", "_script_.png"),
        ("名\x00称.png", "名_称.png"),
        ("..", "photo"),
        ("", "photo"),
        (None, "photo"),
    ],
)
def test_a_file_name_keeps_its_last_part_in_safe_characters(sent, kept):
    assert safe_file_name(sent, fallback="photo") == kept


def test_a_long_name_keeps_its_extension():
    name = safe_file_name("长" * 300 + ".pdf")

    assert len(name) == 200
    assert name.endswith("长.pdf")
