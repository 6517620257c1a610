"""Word lists, per language, as data; and how phrases are looked up in them.

The lists live in ``words/en.json`` and ``words/es.json``. A :class:`Lexicon`
is a value: :meth:`Lexicon.extended` returns a new one with your own words
added (activity verbs, counted nouns, metric words…), so a team's vocabulary can
be taught to the reader without editing the package.
"""

from __future__ import annotations

import functools
import os
import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from okrkit.exceptions import InvalidTypeError, InvalidValueError


__all__ = ["LANGS", "Lexicon", "Words", "fold"]

LANGS = ("en", "es")

SETTING_KEYS = frozenset(
    {
        "letters",
        "word_endings",
        "head_position",
        "decimal_marks",
        "verb_endings",
        "not_verbs",
        "participle_endings",
    }
)
"""Lists that describe how the language is written, not words of it: its own
letters, its typical word and verb endings (and the words with a verb's ending
that are no verbs, loanwords among them), where a noun phrase's head stands
(first or last), its decimal mark. They are no evidence of the language."""
LIST_KEYS = frozenset(
    {
        "language_markers", "articles", "article_numbers", "number_joiners", "percent_words",
        "point_words", "rate_markers", "at_least_before", "at_least_after", "at_most_before",
        "at_most_after", "within_words", "from_markers", "to_markers", "by_markers",
        "change_nouns", "baseline_context", "value_markers", "scale_markers", "keep_verbs",
        "increase_verbs", "produce_verbs", "decrease_verbs", "improve_verbs", "vague_verbs",
        "vague_words", "milestone_outcome_verbs", "activity_verbs", "activity_nouns",
        "outcome_markers", "outcome_nouns", "population_nouns", "rate_metrics",
        "lower_is_better", "timeframe_markers", "qualifier_markers", "all_words",
        "number_of_words", "half_words", "bau_verbs", "date_words", "year_markers",
        "negations", "zero_words", "ordinal_words", "label_words", "attainment_nouns",
        "attainment_words", "skippable", "metric_stops", "noun_stops", "not_nouns", "possessives",
        "decrease_nouns", "decrease_comparatives", "game_nouns", "game_rate_markers", "than_words",
        "agent_markers", "agent_nouns", "attribute_markers",
        "current_words", "spaced_times_words", "of_words",
        "and_words", "distributive_words", "after_count_words",
        "plain_point_words", "time_words", "change_place_markers", "change_article_markers",
        "times_words", "grammar_words", "move_verbs", "rating_words", "name_figures",
        "window_nouns", "bare_timeframe_markers", "ordinal_suffixes", "done_words",
        "ratio_markers", "exceed_verbs", "vague_modifiers",
        "change_after_words", "relative_words", "past_words", "level_markers",
        "scope_words", "single_count_nouns", "shared_nouns", "work_markers",
        "work_done_words", "copulas", "capability_words", "light_verbs",
        "internal_words", "measure_nouns", "metric_heads", "occurrence_nouns",
        "around_event_words", "imperative_negations", "ceiling_words", "floor_words",
        "part_markers", "feeling_verbs", "causative_verbs", "habit_nouns", "payment_verbs",
        "complement_words", "to_nouns", "time_nouns", "empty_subjects",
        "statement_labels", "number_signs", "task_verbs", "task_determiners",
        "shift_up_words", "shift_down_words", "output_nouns", "shipping_verbs",
        "assurance_leads", "goal_headers",
    }
    | SETTING_KEYS
)  # fmt: skip
GRAMMAR_KEYS = (
    "grammar_words", "articles", "noun_stops", "keep_verbs", "increase_verbs", "produce_verbs",
    "decrease_verbs", "improve_verbs", "vague_verbs", "milestone_outcome_verbs",
    "activity_verbs", "task_verbs", "at_least_before", "at_least_after", "at_most_before",
    "at_most_after", "from_markers", "to_markers", "by_markers", "rate_markers", "move_verbs",
    "exceed_verbs",
)  # fmt: skip
"""The lists whose words are grammar: what tells one language from another."""
MAP_KEYS = frozenset(
    {
        "numbers", "scales", "currency_words", "duration_words", "period_words",
        "count_nouns", "multiply_words", "glued_multipliers", "band_joiners", "spaced_multipliers",
        "period_adjectives", "growth_rates", "verb_inflections",
    }
)  # fmt: skip
NUMBER_KEYS = frozenset(
    {"numbers", "scales", "multiply_words", "glued_multipliers", "spaced_multipliers"}
)
"""The tables whose values are numbers; the other tables map phrases to unit names."""


@functools.lru_cache(maxsize=4096)
def fold(word: str) -> str:
    """Lower case without accents, for matching (``Días`` → ``dias``)."""
    lowered = word.lower()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _phrase(text: str) -> tuple[str, ...]:
    lowered = text.lower()
    if lowered.isascii():  # folding changes nothing more
        return tuple(lowered.split())
    return tuple(fold(part) for part in text.split())


def _words_of(entries: Iterable[object]) -> set[str]:
    """Every word of *entries*, folded (what :func:`_phrase` gives for each, at once)."""
    words = " ".join(map(str, entries)).lower().split()
    return {word if word.isascii() else fold(word) for word in words}


class _Index:
    """One list or table of a language, indexed for phrase lookups; the first and
    last words of its entries, which only a phrase match needs, on the first one."""

    __slots__ = ("ends", "phrases", "table")

    def __init__(self, key: str, value: Any) -> None:
        self.table: dict[tuple[str, ...], Any] | None = None
        self.phrases: frozenset[tuple[str, ...]] | None = None
        self.ends: tuple[int, frozenset[str], frozenset[str]] | None = None
        if key in MAP_KEYS:
            self.table = {_phrase(k): v for k, v in value.items()}
        else:
            self.phrases = frozenset(_phrase(k) for k in value)

    def longest_first_last(self) -> tuple[int, frozenset[str], frozenset[str]]:
        """The most words an entry has, and the words entries start and end with."""
        if self.ends is None:
            entries = [e for e in self.table or self.phrases or () if e]
            self.ends = (
                max((len(k) for k in entries), default=0),
                frozenset(e[0] for e in entries),
                frozenset(e[-1] for e in entries),
            )
        return self.ends

    def __contains__(self, phrase: tuple[str, ...]) -> bool:
        return (self.phrases is not None and phrase in self.phrases) or (
            self.table is not None and phrase in self.table
        )


_NO_INDEX = _Index("", ())


class Words:
    """One language's word lists, indexed for phrase lookups (each list on its
    first lookup: a statement meets only some of them)."""

    def __init__(self, lang: str, data: Mapping[str, Any]) -> None:
        self.lang = lang
        self.data = dict(data)
        self._indexes: dict[str, _Index] = {}
        self._singles: dict[tuple[tuple[str, ...], frozenset[str]], frozenset[str]] = {}
        # what spelled-out numbers are made of, folded like the tokens they meet
        self.numbers = {fold(k): float(v) for k, v in self.data.get("numbers", {}).items()}
        self.scales = {fold(k): float(v) for k, v in self.data.get("scales", {}).items()}
        self.joiners = frozenset(fold(w) for w in self.data.get("number_joiners", ()))
        self.article_numbers = frozenset(fold(w) for w in self.data.get("article_numbers", ()))
        self.head_first = "first" in self.data.get("head_position", ())
        """Whether a noun phrase's head comes first ("tickets de soporte") or last
        ("support tickets")."""
        self.decimal_mark = "".join(self.data.get("decimal_marks", ()))[:1] or "."
        self.letters = frozenset("".join(self.data.get("letters", ())))
        self.endings = tuple(fold(w) for w in self.data.get("word_endings", ()))

    def _index(self, key: str) -> _Index:
        """The list or table *key*, indexed (once: threads racing keep the first)."""
        found = self._indexes.get(key)
        if found is None:
            value = self.data.get(key)
            if value is None or (key not in MAP_KEYS and key not in LIST_KEYS):
                return _NO_INDEX
            found = self._indexes.setdefault(key, _Index(key, value))
        return found

    def has(self, key: str, words: Sequence[str]) -> bool:
        """Whether the folded *words* are one entry of the list *key*."""
        phrases = self._index(key).phrases
        return phrases is not None and tuple(words) in phrases

    def word(self, key: str, word: str) -> bool:
        """Whether the folded *word* is a one-word entry of the list *key*."""
        phrases = self._index(key).phrases
        return phrases is not None and (word,) in phrases

    def value(self, key: str, words: Sequence[str]) -> Any:
        """The value of the folded phrase *words* in the table *key*, or None."""
        table = self._index(key).table
        return None if table is None else table.get(tuple(words))

    def singles(self, *keys: str, plus: frozenset[str] = frozenset()) -> frozenset[str]:
        """The one-word entries of the lists *keys*, folded, and the words *plus*
        (made once for each set of keys)."""
        found = self._singles.get((keys, plus))
        if found is None:
            found = self._singles[keys, plus] = plus | frozenset(
                entry[0]
                for key in keys
                for entry in self._index(key).phrases or ()
                if len(entry) == 1
            )
        return found

    def match(self, key: str, words: Sequence[str], start: int) -> tuple[int, Any] | None:
        """The longest entry of *key* that starts at ``words[start]``: (length, value)."""
        index = self._index(key)
        most, first, _ = index.longest_first_last()
        if start >= len(words) or words[start] not in first:
            return None
        longest = min(most, len(words) - start)
        table = index.table
        phrases = index.phrases
        for size in range(longest, 0, -1):
            candidate = tuple(words[start : start + size])
            if table is not None and candidate in table:
                return size, table[candidate]
            if phrases is not None and candidate in phrases:
                return size, True
        return None

    def match_ending(self, key: str, words: Sequence[str], end: int) -> int:
        """The length of the longest entry of *key* that ends just before ``words[end]``."""
        index = self._index(key)
        most, _, last = index.longest_first_last()
        if end <= 0 or end > len(words) or words[end - 1] not in last:
            return 0
        longest = min(most, end)
        for size in range(longest, 0, -1):
            if tuple(words[end - size : end]) in index:
                return size
        return 0


def _lexicon_data(data: object) -> dict[str, dict[str, Any]]:
    """A lexicon's word lists, checked: for each language (en, es), lists of words
    and tables from phrases to numbers or unit names."""
    if not isinstance(data, Mapping):
        raise InvalidTypeError("Lexicon(data)", data, "a mapping of language to word lists")
    checked = {}
    for lang, lists in data.items():
        if lang not in LANGS:
            raise InvalidValueError("Lexicon(data)", lang, f"a language: {' | '.join(LANGS)}")
        if not isinstance(lists, Mapping):
            raise InvalidTypeError(f"Lexicon(data)[{lang!r}]", lists, "a mapping of word lists")
        for key, value in lists.items():
            _check_list(f"Lexicon(data)[{lang!r}]", key, value)
        checked[lang] = dict(lists)
    return checked


def _check_list(name: str, key: object, value: object) -> None:
    """A word list holds phrases; a table maps phrases to numbers or unit names."""
    if not isinstance(key, str):
        raise InvalidTypeError(name, key, "the name of a word list, like activity_verbs")
    where = f"{name}[{key!r}]"
    if key in MAP_KEYS:
        if not isinstance(value, Mapping):
            raise InvalidTypeError(where, value, "a mapping of phrases")
        kind = (int, float) if key in NUMBER_KEYS else str
        for phrase, meaning in value.items():
            if not isinstance(phrase, str):
                raise InvalidTypeError(where, phrase, "phrases (text)")
            if isinstance(meaning, bool) or not isinstance(meaning, kind):
                raise InvalidTypeError(
                    f"{where}[{phrase!r}]",
                    meaning,
                    "a number" if kind is not str else "a unit name",
                )
    elif key in LIST_KEYS:
        if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
            raise InvalidTypeError(where, value, "a list of words")
        for word in value:
            if not isinstance(word, str):
                raise InvalidTypeError(where, word, "words (text)")


@functools.cache
def _builtin(lang: str) -> dict[str, Any]:
    import json  # noqa: PLC0415 - read once, on the first statement

    # The package's own loader reads it (from a folder or a zip file), as
    # pkgutil.get_data would, without the imports importlib.resources makes.
    loader = __spec__.loader
    assert loader is not None  # a file's loader, which reads files
    assert hasattr(loader, "get_data")
    raw = loader.get_data(os.path.join(os.path.dirname(__file__), "words", f"{lang}.json"))
    data: dict[str, Any] = json.loads(raw.decode("utf-8"))
    return data


class _Checked(dict[str, dict[str, Any]]):
    """Word lists a lexicon takes as they are: the package's own, which its tests
    check, and not again each time a process reads its first statement."""


class Lexicon:
    """The reader's vocabulary in every language.

    >>> from okrkit.text import Lexicon
    >>> mine = Lexicon.default().extended("es", activity_verbs=["cotizar"])
    >>> mine.words("es").word("activity_verbs", "cotizar")
    True
    """

    _default: Lexicon | None = None
    _lock = threading.Lock()

    def __init__(self, data: Mapping[str, Mapping[str, Any]]) -> None:
        self._data = dict(data) if isinstance(data, _Checked) else _lexicon_data(data)
        self._words: dict[str, Words] = {}
        self._markers: dict[str, frozenset[str]] | None = None
        self._grammar: dict[str, frozenset[str]] | None = None
        self.labels: re.Pattern[str] | None = None
        """What numbers a statement before its text (made from the lists on first use)."""
        self.label_heads: tuple[str, ...] | None = None
        """How a statement that :attr:`labels` matches starts (made on first use)."""

    @classmethod
    def default(cls) -> Lexicon:
        """The built-in word lists (read once, on first use)."""
        if cls._default is None:
            with cls._lock:
                if cls._default is None:
                    cls._default = cls(_Checked({lang: dict(_builtin(lang)) for lang in LANGS}))
        return cls._default

    def markers(self) -> dict[str, frozenset[str]]:
        """For each language, the words of its lists that the other language's
        lists do not have: evidence of the language a text is written in."""
        if self._markers is None:
            vocab = {}
            for lang in self._data:
                found: set[str] = set()
                for key, value in self._data[lang].items():
                    entries = value.keys() if isinstance(value, Mapping) else value
                    if (key in LIST_KEYS or key in MAP_KEYS) and key not in SETTING_KEYS:
                        found.update(_words_of(entries))
                vocab[lang] = found
            shared = set.intersection(*vocab.values()) if len(vocab) > 1 else set()
            self._markers = {lang: frozenset(words - shared) for lang, words in vocab.items()}
        return self._markers

    def grammar(self) -> dict[str, frozenset[str]]:
        """For each language, its grammar words (articles, prepositions, verbs,
        bound and marker phrases) that the other language lacks: what decides the
        language of a text, whatever its nouns ("Reducir el Churn Rate")."""
        if self._grammar is None:
            vocab = {
                lang: _words_of(entry for key in GRAMMAR_KEYS for entry in lists.get(key, ()))
                for lang, lists in self._data.items()
            }
            shared = set.intersection(*vocab.values()) if len(vocab) > 1 else set()
            self._grammar = {lang: frozenset(words - shared) for lang, words in vocab.items()}
        return self._grammar

    def _entries(self, key: str) -> set[str]:
        """Every language's entries of the list *key*, as written (no list indexed)."""
        return {entry for lang in LANGS for entry in self._data.get(lang, {}).get(key, ())}

    def words(self, lang: str) -> Words:
        """*lang*'s word lists, indexed for lookups (made once per lexicon)."""
        if not isinstance(lang, str):
            raise InvalidTypeError("Lexicon.words(lang)", lang, "a language code: en | es")
        found = self._words.get(lang)
        if found is None:
            if lang not in self._data:
                known = " | ".join(self._data) or "none"
                raise InvalidValueError("Lexicon.words(lang)", lang, f"a language it has: {known}")
            found = Words(lang, self._data[lang])
            self._words[lang] = found
        return found

    def extended(self, lang: str, **lists: Iterable[str] | Mapping[str, Any]) -> Lexicon:
        """A new lexicon with more words in *lang*'s lists.

        Lists (``activity_verbs=["cotizar"]``) gain entries; tables
        (``count_nouns={"cotizaciones": "quote"}``) gain or replace keys.
        """
        if lang not in LANGS:
            raise InvalidValueError("Lexicon.extended(lang)", lang, " | ".join(LANGS))
        data = {code: dict(values) for code, values in self._data.items()}
        target = data.setdefault(lang, {})
        for key, extra in lists.items():
            name = f"Lexicon.extended({key}=...)"
            if key in MAP_KEYS:
                if not isinstance(extra, Mapping):
                    raise InvalidValueError(name, extra, "a mapping")
                _check_list(name, key, extra)
                target[key] = {**target.get(key, {}), **extra}
            elif key in LIST_KEYS:
                if isinstance(extra, (str, Mapping)) or not isinstance(extra, Iterable):
                    raise InvalidValueError(name, extra, "a list of words")
                words = list(extra)
                _check_list(name, key, words)
                target[key] = [*target.get(key, []), *words]
            else:
                known = ", ".join(sorted(LIST_KEYS | MAP_KEYS))
                raise InvalidValueError("Lexicon.extended", key, f"one of: {known}")
        return Lexicon(data)
