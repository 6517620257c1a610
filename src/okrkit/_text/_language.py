"""Which language a text is written in, and what reading any text starts with."""

from __future__ import annotations

from okrkit._fields import optional_of_type
from okrkit._period_words import check_lang
from okrkit._text._tokens import Token, tokenize
from okrkit._text._words import LANGS, Lexicon, Words


__all__ = ["detect_language", "prepared"]


def detect_language(tokens: list[Token], lexicons: Lexicon) -> tuple[str | None, int]:
    """The language whose grammar words (articles, prepositions, verbs: those the
    other language lacks) the text uses most, and by how much it won (0: unsure).
    Nouns do not decide it ("Mantener el Uptime"); on a tie, the language's own
    letters, word endings (-ción; -tion) and other words break it."""
    grammar = lexicons.grammar()
    scores = dict.fromkeys(LANGS, 0)
    depth = 0
    for token in tokens:
        depth += (token.text == "(") - (token.text == ")")
        if token.kind == "word" and depth <= 0:  # a gloss in parentheses does not decide
            for lang in LANGS:
                scores[lang] += token.folded in grammar.get(lang, ())
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    margin = ranked[0][1] - ranked[1][1]
    if margin > 0:
        return ranked[0][0], margin
    ties = _tie_break(tokens, lexicons)
    ranked = sorted(ties.items(), key=lambda item: -item[1])
    if ranked[0][1] > ranked[1][1]:
        return ranked[0][0], 0
    return None, 0


def _tie_break(tokens: list[Token], lexicons: Lexicon) -> dict[str, int]:
    markers = lexicons.markers()
    scores = dict.fromkeys(LANGS, 0)
    for token in tokens:
        if token.kind != "word":
            continue
        for lang in LANGS:
            words = lexicons.words(lang)
            scores[lang] += token.folded in markers.get(lang, ())
            scores[lang] += not token.text.isascii() and not words.letters.isdisjoint(
                token.text.lower()
            )
            scores[lang] += bool(words.endings) and token.folded.endswith(words.endings)
    return scores


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
