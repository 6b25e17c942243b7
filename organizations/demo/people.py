"""Demo people: generated Chinese names and phone numbers, the fixed demo logins (one table,
which the seed command prints and the tests read) and the generated post holders."""

import functools
import zlib
from dataclasses import dataclass

from accounts.models import User
from grid.demo import upsert

# long enough for AUTH_PASSWORD_VALIDATORS (10 characters at least)
DEMO_PASSWORD = "demo-pass-2026"

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严"
)
GIVEN_NAMES = [
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建国", "建华", "国庆", "海燕", "志强",
    "丽华", "晓东", "文博", "子涵", "雨轩", "浩然", "欣怡", "思远", "婷婷", "晨", "玉兰", "德明",
    "春梅", "立新", "红霞",
]  # fmt: skip


@dataclass(frozen=True)
class DemoLogin:
    username: str
    full_name: str
    phone: str
    description: str
    is_staff: bool = True
    is_superuser: bool = False


DEMO_LOGINS = [
    DemoLogin("admin", "系统管理员", "13900000001", "superuser, Django admin", is_superuser=True),
    DemoLogin("street", "周敏", "13900000002", "staff of 城东街道党工委 (the whole street)"),
    DemoLogin("community", "吴丽华", "13900000003", "staff of 梅园社区党委 (one community)"),
    DemoLogin("secretary", "陈建国", "13900000004", "secretary of 梅园社区第一网格党支部"),
    DemoLogin("gridworker", "刘晓燕", "13900000005", "grid worker of 梅园社区第一网格", False),
]


def demo_logins_table() -> list[str]:
    """The demo logins as lines of text, for the seed command and the start script."""
    width = max(len(login.username) for login in DEMO_LOGINS)
    pw_width = len(DEMO_PASSWORD)
    lines = [f"  {'username':<{width}}  {'password':<{pw_width}}  role"]
    lines += [
        f"  {login.username:<{width}}  {DEMO_PASSWORD:<{pw_width}}  {login.description}"
        for login in DEMO_LOGINS
    ]
    return lines


def chinese_name(key: str) -> str:
    """A plausible full name, always the same for the same key."""
    h = zlib.crc32(key.encode())
    return SURNAMES[h % len(SURNAMES)] + GIVEN_NAMES[(h // len(SURNAMES)) % len(GIVEN_NAMES)]


def mobile(key: str) -> str:
    return f"139{zlib.crc32(f'phone:{key}'.encode()) % 10**8:08d}"


def slug(code: str) -> str:
    """CD01-03 → cd0103, for usernames."""
    return code.lower().replace("-", "")


@functools.cache
def demo_password_hash() -> str:
    """Hashing is slow by design: hash the demo password once and share the result."""
    user = User()
    user.set_password(DEMO_PASSWORD)
    return user.password


def person(username: str, is_staff: bool = False) -> User:
    """A generated user; the password is set only when the user is created."""
    return upsert(
        User,
        {"username": username},
        {"full_name": chinese_name(username), "phone": mobile(username), "is_staff": is_staff},
        create_only={"password": demo_password_hash()},
    )


def ensure_demo_logins() -> dict[str, User]:
    return {
        login.username: upsert(
            User,
            {"username": login.username},
            {
                "full_name": login.full_name,
                "phone": login.phone,
                "is_staff": login.is_staff,
                "is_superuser": login.is_superuser,
            },
            create_only={"password": demo_password_hash()},
        )
        for login in DEMO_LOGINS
    }
