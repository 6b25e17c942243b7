"""Demo people: names, ID numbers, phones, ages and the rest, drawn from a seeded
``random.Random`` so that the same street always gets the same people.

ID numbers are unique across every generated street by construction: the 3-digit sequence
code of GB 11643 is shared out by street (street k uses 2k-1 for men and 2k for women), so
two streets never issue the same number, and inside a street ``IdNumbers`` keeps the numbers
it issued and moves to another district code or birth day when one is taken."""

import datetime
import itertools
import random
from dataclasses import dataclass

from members.dates import add_months
from members.idnumber import make_id_number
from members.models import Education, EmploymentCategory, Gender
from organizations.demo import SURNAMES

# Nanjing district codes. 320102 (玄武区) is left to the test factories, whose numbers then
# never collide with seeded ones.
REGIONS = (
    "320104", "320105", "320106", "320111", "320113",
    "320114", "320115", "320116", "320117", "320118",
)  # fmt: skip
MAX_STREETS = 499  # sequence codes 001..998 shared out two per street


def words(text: str) -> list[str]:
    return text.split()


# Given names by generation (born before 1960, 1960–1984, from 1985): 建国 is a grandfather,
# 子涵 a grandchild.
GIVEN = {
    Gender.MALE: (
        words("建国 国庆 建华 志强 德明 立新 卫东 建军 国华 振华 永康 福生 长青 文斌 宝林 光明"),
        words("伟 强 磊 军 勇 杰 涛 明 超 刚 平 斌 鹏 峰 辉 波 亮 俊 晓东 志刚 建平 海军 红兵"),
        words("浩然 子轩 宇航 思远 文博 俊杰 梓豪 一鸣 晨阳 泽宇 皓轩 明轩 子墨 嘉懿 博文 天佑"),
    ),
    Gender.FEMALE: (
        words("秀英 桂英 玉兰 秀兰 春梅 凤英 淑珍 桂兰 玉珍 红霞 美华 丽华 素芬 金凤 月娥 翠花"),
        words("芳 娜 敏 静 丽 艳 娟 霞 燕 萍 红 玲 婷 雪 慧 海燕 丽娟 晓红 春燕 小芳 建英"),
        words("欣怡 子涵 雨轩 婷婷 梓涵 诗琪 思雨 佳怡 梦瑶 雨欣 可馨 晓彤 语桐 一诺 若曦 静怡"),
    ),
}
# organizations.demo names post holders without regard to gender; these given names read
# as a woman's, the rest as a man's.
FEMININE = set("芳娜静丽艳娟霞燕萍红玲婷雪慧兰梅英美怡涵")
# Common surnames come first in SURNAMES: weight them so, as in a real roll.
SURNAME_WEIGHTS = list(itertools.accumulate(1 / (rank + 6) for rank in range(len(SURNAMES))))
PHONE_PREFIXES = [*range(130, 140), *range(150, 154), *range(155, 160), *range(180, 190)]
MINORITIES = ["回族", "满族", "蒙古族", "壮族", "土家族"]
WORKPLACES = [
    "{s}社区居委会 社区工作者", "南京市第一医院 护士", "{s}实验小学 教师", "国网南京供电公司 工程师",
    "{s}派出所 民警", "南京地铁运营公司 调度员", "江苏银行{s}支行 客户经理", "{s}智联科技有限公司 软件工程师",
    "南京港务集团 职员", "{s}街道办事处 科员", "南京大学 教师", "{s}物业管理有限公司 管理员",
    "苏宁易购{s}门店 店长", "{s}中学 教师", "中建八局 项目经理", "南京市{s}税务所 干部",
]  # fmt: skip
STUDY_PLACES = ["南京大学 研究生", "东南大学 研究生", "南京师范大学 学生", "河海大学 研究生"]


@dataclass
class Person:
    name: str
    gender: str
    birth_date: datetime.date
    id_number: str
    phone: str
    ethnicity: str
    education: str


class IdNumbers:
    """Issues ID numbers for one street, never the same twice."""

    def __init__(self, street_index: int, used: set[str] | None = None) -> None:
        if not 1 <= street_index <= MAX_STREETS:
            raise ValueError(f"demo ID numbers reach {MAX_STREETS} streets, not {street_index}")
        self.slot = street_index - 1
        self.used = used if used is not None else set()

    def issue(
        self, rng: random.Random, born: datetime.date, gender: str
    ) -> tuple[str, datetime.date]:
        """A new number and the birth date it encodes (a day earlier than asked when all
        districts are taken for that day and sequence code)."""
        sequence = 2 * self.slot + (1 if gender == Gender.MALE else 2)
        start = rng.randrange(len(REGIONS))
        while True:
            for k in range(len(REGIONS)):
                number = make_id_number(REGIONS[(start + k) % len(REGIONS)], born, sequence)
                if number not in self.used:
                    self.used.add(number)
                    return number, born
            born -= datetime.timedelta(days=1)


def gender_of_name(name: str) -> str:
    return Gender.FEMALE if any(c in FEMININE for c in name[1:]) else Gender.MALE


def generation(born: datetime.date) -> int:
    return 0 if born.year < 1960 else 1 if born.year < 1985 else 2


def full_name(rng: random.Random, gender: str, born: datetime.date) -> str:
    surname = rng.choices(SURNAMES, cum_weights=SURNAME_WEIGHTS)[0]
    return surname + rng.choice(GIVEN[gender][generation(born)])


def mobile_phone(rng: random.Random) -> str:
    return f"{rng.choice(PHONE_PREFIXES)}{rng.randrange(10**8):08d}"


def born_at_age(rng: random.Random, today: datetime.date, age: int) -> datetime.date:
    """A birth date making the person ``age`` years old today."""
    last_birthday = add_months(today, -12 * age)
    return last_birthday - datetime.timedelta(days=rng.randrange(365))


def education_for(rng: random.Random, born: datetime.date) -> str:
    choices = (
        (Education.PRIMARY, Education.JUNIOR, Education.SENIOR, Education.COLLEGE),
        (Education.JUNIOR, Education.SENIOR, Education.COLLEGE, Education.BACHELOR),
        (Education.COLLEGE, Education.BACHELOR, Education.MASTER, Education.DOCTOR),
    )[generation(born)]
    return rng.choices(choices, weights=(2, 4, 3, 1))[0]


def employment_for(rng: random.Random, age: int, gender: str) -> str:
    retirement_age = 60 if gender == Gender.MALE else 55
    if age >= retirement_age:
        return EmploymentCategory.RETIRED if rng.random() < 0.95 else EmploymentCategory.EMPLOYED
    if age <= 24 and rng.random() < 0.5:
        return EmploymentCategory.STUDENT
    roll = rng.random()
    if roll < 0.03:
        return EmploymentCategory.FARMER
    if roll < 0.065:
        return EmploymentCategory.UNEMPLOYED
    # article 6 of the dues rules: members living on relief or the minimum living allowance
    if roll < 0.073:
        return EmploymentCategory.RELIEF
    if roll < 0.08:
        return EmploymentCategory.MINIMUM_ALLOWANCE
    return EmploymentCategory.EMPLOYED


def workplace_for(rng: random.Random, employment: str, short_name: str) -> str:
    if employment == EmploymentCategory.EMPLOYED:
        return rng.choice(WORKPLACES).format(s=short_name)
    if employment == EmploymentCategory.STUDENT:
        return rng.choice(STUDY_PLACES)
    if employment == EmploymentCategory.RETIRED:
        return "退休"
    return ""


def draw_age(rng: random.Random, bands: tuple[tuple[int, int, int], ...]) -> int:
    """An age from weighted bands of (from, to, weight)."""
    low, high, _ = rng.choices(bands, weights=[b[2] for b in bands])[0]
    return rng.randint(low, high)


def make_person(
    rng: random.Random,
    ids: IdNumbers,
    today: datetime.date,
    age: int,
    *,
    gender: str | None = None,
    name: str | None = None,
    phone: str | None = None,
) -> Person:
    if gender is None:
        gender = gender_of_name(name) if name else rng.choice(Gender.values)
    id_number, born = ids.issue(rng, born_at_age(rng, today, age), gender)
    return Person(
        name=name or full_name(rng, gender, born),
        gender=gender,
        birth_date=born,
        id_number=id_number,
        phone=phone or mobile_phone(rng),
        ethnicity="汉族" if rng.random() < 0.97 else rng.choice(MINORITIES),
        education=education_for(rng, born),
    )
