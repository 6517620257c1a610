"""Which language a text is written in, and what reading any text starts with."""

from __future__ import annotations

from okrkit._fields import optional_of_type
from okrkit._period_words import check_lang
from okrkit._text._tokens import Token, tokenize
from okrkit._text._words import LANGS, Lexicon, Words


__all__ = ["detect_language", "prepared"]

_SPANISH_MARKS = frozenset("áéíóúñü¿¡")
_SPANISH_ENDINGS = ("cion", "ciones", "idad", "idades", "mente", "ando", "iendo", "ados", "adas")
_ENGLISH_ENDINGS = ("ing", "tion", "tions", "ness", "ship", "ally", "ity")


def detect_language(tokens: list[Token], lexicons: Lexicon) -> tuple[str | None, int]:
    """The language whose own words (those the other language's lists lack) the
    text uses most, accents counting for Spanish; and by how much it won (0: unsure).
    Word endings (-ción, -mente; -ing, -tion) break a tie."""
    markers = lexicons.markers()
    scores = dict.fromkeys(LANGS, 0)
    endings = dict.fromkeys(LANGS, 0)
    for token in tokens:
        if token.kind != "word":
            continue
        for lang in LANGS:
            if token.folded in markers.get(lang, ()):
                scores[lang] += 1
        if not token.text.isascii() and not _SPANISH_MARKS.isdisjoint(token.text.lower()):
            scores["es"] += 1
        if token.folded.endswith(_SPANISH_ENDINGS):
            endings["es"] += 1
        elif token.folded.endswith(_ENGLISH_ENDINGS):
            endings["en"] += 1
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    margin = ranked[0][1] - ranked[1][1]
    if margin == 0:
        ranked = sorted(endings.items(), key=lambda item: -item[1])
        if ranked[0][1] > ranked[1][1]:
            return ranked[0][0], 0
    return (ranked[0][0] if margin > 0 else None), margin


def prepared(
    text: str, lang: str | None, lexicon: Lexicon | None
) -> tuple[list[Token], str | None, int, Words]:
    """What reading any text starts with: its tokens, the language detected (and by
    what margin), and the word lists of the language used (detected, else *lang*,
    else English)."""
    optional_of_type("lexicon", lexicon, Lexicon, "a Lexicon (okrkit.text.Lexicon)")
    if lang is not None:
        check_lang(lang)
    lexicons = lexicon or Lexicon.default()
    tokens = tokenize(text)
    detected, margin = detect_language(tokens, lexicons)
    language = detected or (lang if lang in LANGS else None) or "en"
    return tokens, detected, margin, lexicons.words(language)
