"""The POST forms a page renders, read as a browser reads them, so tests can send them back (the double-submit and
fuzz tests of issue 14).

`forms_of(html)` gives each `<form method="post">` with its action and the values a browser would send for it
unchanged: text inputs and textareas as filled, the selected (else first) option of a select, checked boxes and
radios, hidden fields (the CSRF and one-time tokens among them), and the first submit button's name and value.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

SKIPPED_INPUTS = {"submit", "button", "image", "reset", "file"}


@dataclass
class PageForm:
    action: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    # Field name -> its input type ("text", "date", "number", "select", "textarea", "hidden", "checkbox", ...).
    kinds: dict[str, str] = field(default_factory=dict)
    # Field name -> the values a select or radio group offers.
    choices: dict[str, list[str]] = field(default_factory=dict)
    submit: tuple[str, str] | None = None

    def data(self, **overrides) -> dict[str, list[str]]:
        """What the browser sends, with `overrides` (a value or a list of values per field) in place."""
        sent = {name: list(values) for name, values in self.fields.items()}
        if self.submit is not None and self.submit[0]:
            sent.setdefault(self.submit[0], [self.submit[1]])
        for name, value in overrides.items():
            sent[name] = value if isinstance(value, list) else [value]
        return sent


class _FormsParser(HTMLParser):
    def __init__(self, page_path: str):
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[PageForm] = []
        self._form: PageForm | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen: str | None = None
        self._option_value: str | None = None
        self._option_text = ""
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = {name: value if value is not None else "" for name, value in attrs}
        if tag == "form":
            if attrs.get("method", "get").lower() == "post":
                self._form = PageForm(action=attrs.get("action") or self.page_path)
            return
        form = self._form
        if form is None:
            return
        name = attrs.get("name")
        if tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "image"):
                if form.submit is None:
                    form.submit = (name or "", attrs.get("value", ""))
                return
            if not name or kind in SKIPPED_INPUTS:
                return
            form.kinds.setdefault(name, kind)
            if kind == "radio":
                form.choices.setdefault(name, []).append(attrs.get("value", "on"))
                if "checked" in attrs or name not in form.fields:
                    form.fields[name] = [attrs.get("value", "on")]
            elif kind == "checkbox":
                form.choices.setdefault(name, []).append(attrs.get("value", "on"))
                if "checked" in attrs:
                    form.fields.setdefault(name, []).append(attrs.get("value", "on"))
            else:
                form.fields.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "button":
            if attrs.get("type", "submit").lower() == "submit" and form.submit is None:
                form.submit = (name or "", attrs.get("value", ""))
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, None
            form.kinds.setdefault(name, "select")
            form.choices.setdefault(name, [])
        elif tag == "option" and self._select:
            self._option_value = attrs.get("value")
            self._option_text = ""
            if "selected" in attrs:
                self._select_chosen = self._option_value if self._option_value is not None else ""
                self._selected_pending = self._option_value is None
            else:
                self._selected_pending = False
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""
            form.kinds.setdefault(name, "textarea")

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data
        elif self._option_value is None and self._select:
            self._option_text += data

    def handle_endtag(self, tag):
        form = self._form
        if tag == "form" and form is not None:
            self.forms.append(form)
            self._form = None
        elif form is None:
            return
        elif tag == "option" and self._select:
            value = self._option_value if self._option_value is not None else self._option_text.strip()
            form.choices[self._select].append(value)
            if self._select_first is None:
                self._select_first = value
            if getattr(self, "_selected_pending", False):
                self._select_chosen = value
            self._option_value = None
        elif tag == "select" and self._select:
            chosen = self._select_chosen if self._select_chosen is not None else self._select_first
            if chosen is not None:
                form.fields[self._select] = [chosen]
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            form.fields.setdefault(self._textarea, []).append(self._text.removeprefix("\n"))
            self._textarea = None


def forms_of(html: str, *, page_path: str) -> list[PageForm]:
    """The POST forms of a page's HTML, in page order; a form without an action posts to `page_path`."""
    parser = _FormsParser(page_path)
    parser.feed(html)
    return parser.forms
