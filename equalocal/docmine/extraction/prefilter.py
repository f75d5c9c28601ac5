"""Cheap literal prefilters for the lexicon's large regular expressions.

Most cue regexes are alternations of dozens of fragments in twenty languages; a document
holds the words of one or two. Python's ``re`` tries every branch at every word start, so
the extractor spends its time on languages that are not there. Each fragment here knows
the literal strings it cannot match without (``\\w*handlingsplan\\w*`` needs
``handlingsplan``; ``action\\s+plans?`` needs ``action``). While ``analyse`` runs, a
:class:`Scope` holds the document's case-folded text, and every :class:`Filtered` regex is
recompiled (once per document, cached across documents) from only the fragments whose
literals occur in it. Outside a scope the full regex is used, so every helper still works
on any string.

The reduction is conservative: a fragment without a usable literal always stays in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from functools import lru_cache

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two alternative literal sets (longest shortest member)."""
    if a is None:
        return b
    if b is None:
        return a
    ka = (min(len(x) for x in a), -len(a))
    kb = (min(len(x) for x in b), -len(b))
    return a if ka >= kb else b


def _sequence(items) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, av in [*list(items), (None, None)]:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            best = _better(best, frozenset({"".join(run).casefold()}))
            run = []
        candidate = None
        if op is _c.SUBPATTERN:
            candidate = _sequence(av[-1])
        elif op is _c.BRANCH:
            options = [_sequence(branch) for branch in av[1]]
            if options and all(o is not None for o in options):
                candidate = frozenset().union(*options)  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            candidate = _sequence(av[2])
        best = _better(best, candidate)
    return best


@lru_cache(maxsize=4096)
def literal_options(fragment: str) -> frozenset[str] | None:
    """Case-folded literals of which a match of ``fragment`` contains at least one, or
    ``None`` when the fragment has none (it can then match anything)."""
    try:
        parsed = _p.parse(fragment, 0)
    except Exception:
        return None
    options = _sequence(parsed)
    if options and min(len(o) for o in options) >= 2:
        return options
    return None  # no literal, or one letter: not worth a check


class _Never:
    """A pattern that matches nothing, for a regex none of whose fragments can occur."""

    pattern = "(?!)"

    def search(self, *args, **kwargs):
        return None

    match = fullmatch = search

    def finditer(self, *args, **kwargs) -> Iterator[re.Match[str]]:
        return iter(())

    def findall(self, *args, **kwargs) -> list:
        return []

    def sub(self, repl, string, *args, **kwargs):
        return string


NEVER = _Never()


# Every literal any Filtered regex needs, and one regex that finds them all in one pass.
_LITERALS: set[str] = set()
_index: dict = {"version": -1}
_version = 0


def _register(literals: set[str]) -> None:
    global _version
    new = literals - _LITERALS
    if new:
        _LITERALS.update(new)
        _version += 1


def _trie(words: set[str]) -> str:
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alternatives = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        return f"(?:{body})?" if "" in node else body

    return build(tree)


def _literal_index() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """A regex of every literal (a trie: the longest literal at a position wins), and for
    each literal the shorter literals it begins with."""
    if _index["version"] != _version:
        words = set(_LITERALS)
        prefixes = {
            word: tuple(word[:i] for i in range(1, len(word)) if word[:i] in words)
            for word in words
        }
        _index.update(
            version=_version,
            regex=re.compile(_trie(words)) if words else re.compile("(?!)"),
            prefixes=prefixes,
        )
    return _index["regex"], _index["prefixes"]


class Scope:
    """The document being analysed: the literals present in it and the reduced regexes."""

    __slots__ = ("_present", "_version", "facts", "folded", "patterns")

    def __init__(self, text: str, **facts):
        self.folded = text.casefold()
        self.facts = facts  # document-wide facts that let helpers skip work
        self.patterns: dict[Filtered, object] = {}
        self._present: frozenset[str] = frozenset()
        self._version = -1

    @property
    def present(self) -> frozenset[str]:
        if self._version != _version:
            regex, prefixes = _literal_index()
            found: set[str] = set()
            search, text, position = regex.search, self.folded, 0
            # The longest literal at each place where one starts; overlaps included.
            while (m := search(text, position)) is not None:
                found.add(m.group())
                position = m.start() + 1
            for word in list(found):
                found.update(prefixes.get(word, ()))
            self._present = frozenset(found)
            self._version = _version
            self.patterns.clear()
        return self._present


_scope: ContextVar[Scope | None] = ContextVar("equalocal_extraction_scope", default=None)
_enabled: ContextVar[bool] = ContextVar("equalocal_extraction_prefilter", default=True)


class disabled:
    """``with disabled(): ...`` uses the full regexes even inside a scope (for tests)."""

    def __enter__(self) -> None:
        self.token = _enabled.set(False)

    def __exit__(self, *exc) -> None:
        _enabled.reset(self.token)


def current_scope() -> Scope | None:
    return _scope.get()


def per_document(key: object, compute):
    """``compute()`` once for the document in scope, kept beside its reduced regexes (computed
    at every call outside a scope, or with the filter disabled)."""
    scope = _scope.get()
    if scope is None or not _enabled.get():
        return compute()
    value = scope.patterns.get(key)
    if value is None:
        value = compute()
        scope.patterns[key] = value
    return value


class scoped:
    """``with scoped(text): ...`` restricts the lexicon regexes to the words of ``text``."""

    def __init__(self, text: str, **facts):
        self.scope = Scope(text, **facts)
        self.token = None

    def __enter__(self) -> Scope:
        self.token = _scope.set(self.scope)
        return self.scope

    def __exit__(self, *exc) -> None:
        _scope.reset(self.token)


class Filtered:
    """An alternation of fragments inside ``template`` (``{alt}`` marks the place),
    reduced per document to the groups of fragments whose literals occur in it.

    ``groups`` (one key per fragment, e.g. its language) sets the unit that is kept or
    dropped; by default all fragments form one group, so the regex is either used whole or
    skipped. Coarse groups keep the number of distinct reduced regexes small, so they are
    compiled once and reused across documents.
    """

    def __init__(
        self,
        fragments: Sequence[str],
        template: str = "{alt}",
        flags: int = 0,
        groups: Sequence[object] | None = None,
    ):
        self.fragments = tuple(fragments)
        self.template = template
        self.flags = flags
        keys = list(groups) if groups is not None else [0] * len(self.fragments)
        members: dict[object, list[int]] = {}
        for index, key in enumerate(keys):
            members.setdefault(key, []).append(index)
        self.options = tuple(literal_options(f) for f in self.fragments)
        always: set[int] = set()
        self.by_literal: dict[str, set[int]] = {}
        for index, options in enumerate(self.options):
            group = members[keys[index]]
            if options is None:
                always.update(group)
            for literal in options or ():
                self.by_literal.setdefault(literal, set()).update(group)
        self.always = tuple(sorted(always))
        self.literals = frozenset(self.by_literal)
        _register(set(self.literals))
        self.unfiltered = len(self.always) == len(self.fragments)
        self.full = self._build(tuple(range(len(self.fragments))))
        self._reduced = lru_cache(maxsize=256)(self._build)

    def _build(self, active: tuple[int, ...]):
        if not active:
            return NEVER
        alt = "|".join(f"(?:{self.fragments[i]})" for i in active)
        return re.compile(self.template.replace("{alt}", alt), self.flags)

    def _active(self, present: frozenset[str]) -> tuple[int, ...]:
        hits = self.literals & present
        if not hits:
            return self.always
        indices = set(self.always)
        for literal in hits:
            indices.update(self.by_literal[literal])
        return tuple(sorted(indices))

    def for_text(self, text: str):
        """The reduced regex for an arbitrary text (outside a scope)."""
        folded = text.casefold()
        present = frozenset(literal for literal in self.literals if literal in folded)
        return self._reduced(self._active(present))

    def get(self):
        """The regex for the document in scope, or the full regex outside one."""
        scope = _scope.get()
        if scope is None or not _enabled.get():
            return self.full
        pattern = scope.patterns.get(self)
        if pattern is None:
            if self.unfiltered:
                return self.full
            present = scope.present  # may reset scope.patterns when the lexicon grew
            pattern = self._reduced(self._active(present))
            scope.patterns[self] = pattern
        return pattern


def single(pattern: str, flags: int = 0) -> Filtered:
    """One pattern, skipped for documents that lack its literal."""
    return Filtered((pattern,), "{alt}", flags)
