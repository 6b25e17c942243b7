"""The forms of a page, read from its HTML as a browser would submit them: each field's name,
kind and the value it shows. For the hostile-input walk (tests/test_hostile_input.py): the
POST forms, and the GET forms (filters, searches)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

TEXT_TYPES = {"text", "search", "email", "tel", "url", ""}
LEFT_ALONE = {"csrfmiddlewaretoken", "next"}


@dataclass
class Field:
    name: str
    kind: str  # text, date, number, choice, id (a hidden numeric value), file, check
    value: str | list[str] = ""
    options: list[str] = field(default_factory=list)


@dataclass
class PageForm:
    action: str
    enctype: str
    fields: dict[str, Field] = field(default_factory=dict)

    def of_kind(self, *kinds) -> list[Field]:
        return [f for f in self.fields.values() if f.kind in kinds]

    def values(self) -> dict[str, str]:
        """What the form submits as shown (a check box only when checked)."""
        return {
            f.name: f.value for f in self.fields.values() if f.kind not in ("file",) and f.value
        }


class _Reader(HTMLParser):
    def __init__(self, url, method="post"):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.method = method
        self.forms: list[PageForm] = []
        self.form: PageForm | None = None
        self.select: Field | None = None
        self.select_first = ""
        self.textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == self.method:
                action = urlparse(urljoin(self.url, a.get("action") or self.url))
                path = action.path + (f"?{action.query}" if action.query else "")
                self.form = PageForm(path, a.get("enctype", ""))
                self.forms.append(self.form)
            return
        if tag == "option" and self.select is not None:
            value = a.get("value", "")
            self.select.options.append(value)
            if "selected" in a:
                self.select.value = value
            elif value and not self.select_first:
                self.select_first = value
            return
        if self.form is None or not a.get("name") or a["name"] in LEFT_ALONE:
            return
        if "disabled" in a:
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "").lower()
            if kind in TEXT_TYPES:
                self.form.fields[name] = Field(name, "text", a.get("value", ""))
            elif kind in ("date", "number", "time", "datetime-local", "month"):
                self.form.fields[name] = Field(name, kind, a.get("value", ""))
            elif kind == "hidden":
                value = a.get("value", "")
                self.form.fields[name] = Field(name, "id" if value.isdigit() else "keep", value)
            elif kind == "file":
                self.form.fields[name] = Field(name, "file")
            elif kind in ("checkbox", "radio"):
                known = self.form.fields.setdefault(name, Field(name, "check", []))
                if "checked" in a:
                    known.value.append(a.get("value", "on"))
        elif tag == "textarea":
            self.textarea = self.form.fields[name] = Field(name, "text", "")
        elif tag == "select":
            self.select = self.form.fields[name] = Field(name, "choice", "")
            self.select_first = ""

    def handle_data(self, data):
        if self.textarea is not None:
            # a browser drops the newline that opens a textarea's content
            start = not self.textarea.value
            self.textarea.value += data[1:] if start and data.startswith("\n") else data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select" and self.select is not None:
            self.select.value = self.select.value or self.select_first
            self.select = None


def post_forms(html: str, url: str) -> list[PageForm]:
    reader = _Reader(url)
    reader.feed(html)
    return reader.forms


def get_forms(html: str, url: str) -> list[PageForm]:
    reader = _Reader(url, method="get")
    reader.feed(html)
    return reader.forms
