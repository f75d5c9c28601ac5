"""What screen readers hear change on a page: its live regions and its progress bars.

A long piece of work (an import, a report, a document) is polled every second or two. Its bar
must not sit in a live region, or each tick is read out; one status sentence is live instead.
"""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
LIVE_ROLES = {"status", "alert", "log"}


def is_live(attrs: dict) -> bool:
    return attrs.get("aria-live", "off") != "off" or attrs.get("role") in LIVE_ROLES


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict, list[str] | None]] = []
        self.regions: list[tuple[dict, list[str]]] = []
        self.bars: list[tuple[dict, list[dict]]] = []

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "progress" or attrs.get("role") == "progressbar":
            self.bars.append((attrs, [a for _t, a, text in self.stack if text is not None]))
        if tag in VOID:
            return
        text = None
        if is_live(attrs):
            text = []
            self.regions.append((attrs, text))
        self.stack.append((tag, attrs, text))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        for _tag, _attrs, text in self.stack:
            if text is not None:
                text.append(data)


def read(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def live_regions(html: str) -> list[tuple[dict, str]]:
    """Each live region (aria-live, or a role that is live) with its text, spaces collapsed."""
    return [(attrs, " ".join("".join(text).split())) for attrs, text in read(html).regions]


def progress_bars(html: str) -> list[tuple[dict, list[dict]]]:
    """Each progress bar with the attributes of the live regions it stands in."""
    return read(html).bars
