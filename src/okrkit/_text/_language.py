"""Which language a text is written in, and what reading any text starts with."""

from __future__ import annotations

import re

from okrkit._fields import optional_of_type
from okrkit._period_words import check_lang
from okrkit._text._tokens import MAX_CHARS, Token, tokenize
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
    tokens = _quoted(text, _unlabelled(text, tokenize(text), lexicons))
    detected, margin = detect_language(tokens, lexicons)
    language = detected or (lang if lang in LANGS else None) or "en"
    return tokens, detected, margin, lexicons.words(language)


def _label_pattern(lexicons: Lexicon) -> re.Pattern[str]:
    """What numbers a statement before it starts ("KR #3:", "Resultado clave nº 1 -",
    "Objetivo 2 / KR 1:", "R.C. 3:"), from both languages' label words."""
    found = lexicons.labels
    if found is None:

        def either(key: str) -> str:
            spelled = (
                r"\.?\s*".join(map(re.escape, e.rstrip(".").split(".")))
                for e in lexicons._entries(key)
            )
            return "|".join(sorted((e.replace(r"\ ", r"\s+") for e in spelled), key=len)[::-1])

        item = rf"(?:{either('statement_labels')})\.?\s*(?:(?:{either('number_signs')})\.?\s*)?"
        item += r"[-#]?\s*\d+(?:\.\d+)*[a-z]?\b"
        # [:)\-]|[–—], not one set: see _tokens._TOKEN
        found = re.compile(rf"\s*{item}(?:\s*[/|,·]\s*{item})*\s*(?:[:)\-]|[–—]|\.\s)", re.I)
        lexicons.labels = found
    return found


def _label_heads(lexicons: Lexicon) -> tuple[str, ...]:
    """How a labelled statement starts, lower-cased with its points and spaces left
    out: a label word, then a digit, ``-``, ``#`` or a number sign's first letter
    (``kr3``, ``resultadoclaven``). ``("",)``, which every text starts with, when a
    label word or a sign's first letter is not ASCII once lower-cased: ``re.I``
    matches some of those to ASCII letters (the long s to ``s``)."""
    heads = lexicons.label_heads
    if heads is None:
        words = {_squeezed(entry) for entry in lexicons._entries("statement_labels")}
        signs = {_squeezed(entry)[:1] for entry in lexicons._entries("number_signs")}
        after = {*"0123456789-#", *signs} - {""}
        ascii_only = all(word.isascii() for word in words) and all(s.isascii() for s in after)
        heads = tuple(word + next for word in words for next in after) if ascii_only else ("",)
        lexicons.label_heads = heads
    return heads


def _squeezed(text: str) -> str:
    return "".join(char for char in text.lower() if char != "." and not char.isspace())


def _may_be_labelled(text: str, lexicons: Lexicon) -> bool:
    """False only when no label starts *text*: its first characters, squeezed as
    :func:`_label_heads` says, start no label's head. Far cheaper than compiling the
    label pattern (about 8 million instructions), which a plan whose statements
    start with no label word never needs."""
    heads = _label_heads(lexicons)
    longest = max(map(len, heads))
    if longest == 0:
        return True  # a head of "": any text may be labelled
    squeezed = ""
    for char in text[:MAX_CHARS]:
        if char == "." or char.isspace():
            continue
        if not char.isascii():  # re.I may match it to a letter of a head
            return _may_go_on(squeezed, heads)
        squeezed += char.lower()
        if len(squeezed) == longest:
            return squeezed.startswith(heads)
    if len(text) > MAX_CHARS:  # what follows the points and spaces is not looked at
        return _may_go_on(squeezed, heads)
    return squeezed.startswith(heads)


def _may_go_on(squeezed: str, heads: tuple[str, ...]) -> bool:
    """Whether *squeezed*, followed by characters not looked at, may start a head."""
    return squeezed.startswith(heads) or any(head.startswith(squeezed) for head in heads)


def _unlabelled(text: str, tokens: list[Token], lexicons: Lexicon) -> list[Token]:
    """The tokens after a statement's label: its numbers are none of its amounts."""
    if not _may_be_labelled(text, lexicons):
        return tokens
    label = _label_pattern(lexicons).match(text)
    if label is None or label.end() >= len(text.rstrip()):
        return tokens
    return [token for token in tokens if token.start >= label.end()]


_QUOTE = (
    r'"[^"\n]{1,200}"|“[^“”\n]{1,200}[”“]|„[^“”\n]{1,200}[“”]|«[^«»\n]{1,200}»'
    r"|‘[^‘’\n]{1,200}’|(?<!\w)'[^'\n]{1,200}'(?!\w)"
)
_OPENING_QUOTES = "\"“„«‘'"
"""What each quotation :data:`_QUOTE` finds starts with: a text with none of them has
no quotation, and its process need not compile the pattern."""


def _quoted(text: str, tokens: list[Token]) -> list[Token]:
    """Each text in quotation marks as one word: a title or a name ("Leer «Los 4
    acuerdos»", "the “Python 201” course"), whose numbers are no amounts. A
    statement quoted whole is read as if it had no quotes."""
    head = text[:MAX_CHARS]
    if not any(mark in head for mark in _OPENING_QUOTES):
        return tokens
    spans = [m.span() for m in re.finditer(_QUOTE, head)]
    if not spans:
        return tokens
    merged: list[Token] = []
    for token in tokens:
        span = next(((a, b) for a, b in spans if a <= token.start < b), None)
        if span is None:
            merged.append(token)
        elif not merged or merged[-1].start < span[0]:
            merged.append(Token("word", text[span[0] : span[1]], *span, token.glued))
    if all(t.kind != "word" or t.start in {a for a, _ in spans} for t in merged):
        return tokens  # nothing but quotes: the quotes are the statement's
    return merged
