"""Chinese translations take full-width punctuation; ASCII stays where it is not prose."""

import re

import pytest

# Chinese text takes full-width punctuation (，：；（）). ASCII stays where it is not prose:
# placeholders (%(name)s, {count}), notations in square brackets ([经度, 纬度] is a JSON
# array), numbers (3,000) and times (06:00), none of which touches a Chinese character.
CHINESE = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
ASCII_PUNCTUATION_BY_CHINESE = re.compile(rf"{CHINESE}\s*[,:;()]|[,:;()]\s*{CHINESE}")
NOT_PROSE = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdif]|\{\w*\}|\[[^\]]*\]")


def ascii_punctuation_in_chinese(text: str) -> list[str]:
    return ASCII_PUNCTUATION_BY_CHINESE.findall(NOT_PROSE.sub(" ", text))


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("党员, 预备党员", True),
        ("坐标:经度", True),
        ("已退回(附意见)", True),
        ("地址; 电话", True),
        ("坐标点必须为 [经度, 纬度]。", False),
        ("%(where)s：超过 3,000 元", False),
        ("每天 06:00 提醒", False),
        ("大小为%(size).1f MB；最大为%(limit)s MB。", False),
        ("共 %(count)s 名（含预备党员）", False),
    ],
)
def test_the_punctuation_check_tells_prose_from_notation(text, wrong):
    assert bool(ascii_punctuation_in_chinese(text)) is wrong


def test_chinese_translations_use_full_width_punctuation(entries):
    wrong = [
        (e["msgid"], s) for e in entries[1:] for s in e["msgstr"] if ascii_punctuation_in_chinese(s)
    ]
    assert not wrong, f"use ，：；（） in Chinese, not ASCII: {wrong}"
