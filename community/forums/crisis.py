"""Spotting posts that say the writer may be at risk, so a moderator looks in time.

Text and phrases go through the same normalisation (Unicode, case, apostrophes and quotes,
contractions, punctuation and line breaks, common misspellings and text-speak), so a phone's
curly apostrophe or a line break in the middle of a phrase changes nothing. A phrase is a
sequence of words matched on word boundaries, with up to `max_gap` other words allowed between
consecutive words. Phrase syntax, for the editors who keep the list (`CrisisPhrase` snippets):

    word/other      either word                 overdos*    any word starting "overdos"
    can't go on     contractions are fine: written and matched as "cannot go on"
    <meds>          any word or words in the word class "meds" (`CrisisWordClass` snippets)

Word classes are how the list generalises: "<intent> <ending>" covers "planning to end it",
"thinking of ending my life" and "ready to top myself" with one rule, and a medicine an
editor adds to <meds> counts in every rule about stockpiling or overdosing. Negation is
handled by "ignore" phrases ("never/not <self_harm> myself"), which blank out the words they
cover: "I would never hurt myself" flags nothing, while "I don't want to die but I can't go
on" still flags on "can't go on".

"Ignore" phrases are idioms that look like warning signs but are not ("I can't go on the
long walks"); the words they cover cannot be part of a match. The list lives in the database,
cached, and retired from the cache when an editor saves a phrase or class, so an
edit takes effect on the next post, without a deploy."""

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.core.cache import cache

logger = logging.getLogger(__name__)

APOSTROPHES = dict.fromkeys(map(ord, "\u2019\u2018\u201b\u02bc\u2032\u00b4\u0060\uff07"), "'")
QUOTES = dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"), '"')
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)

CONTRACTIONS = [
    (re.compile(r"\bcan't\b"), "cannot"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"\bain't\b"), "am not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'m\b"), " am"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'d\b"), " would"),
    (
        re.compile(
            r"\b(it|that|there|what|here|he|she|who|life|everyone|everybody|nobody|"
            r"someone|somebody|one)'s\b"
        ),
        r"\1 is",
    ),
]
MULTIWORD_FIXES = [
    (re.compile(r"\bmy self\b"), "myself"),
    (re.compile(r"\bno one\b"), "nobody"),
    (re.compile(r"\bno body\b"), "nobody"),
    (re.compile(r"\bany more\b"), "anymore"),
    (re.compile(r"\bpain killers\b"), "painkillers"),
    (re.compile(r"\bself harm"), "selfharm"),
]
# Common misspellings and text-speak, word for word, applied after punctuation is gone.
WORD_FIXES = {
    "cant": "cannot",
    "dont": "do not",
    "wont": "will not",
    "didnt": "did not",
    "doesnt": "does not",
    "isnt": "is not",
    "wasnt": "was not",
    "werent": "were not",
    "wouldnt": "would not",
    "couldnt": "could not",
    "shouldnt": "should not",
    "havent": "have not",
    "aint": "am not",
    "im": "i am",
    "ive": "i have",
    "id": "i would",
    "ill": "i will",
    "thats": "that is",
    "theres": "there is",
    "whats": "what is",
    "everyones": "everyone is",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "u": "you",
    "ur": "your",
    "kms": "kill myself",
    "unalive": "kill",
    "unaliving": "killing",
    "myslef": "myself",
    "mysefl": "myself",
    "suicde": "suicide",
    "sucide": "suicide",
    "suiside": "suicide",
    "suicid": "suicide",
    "sucidal": "suicidal",
    "suicdal": "suicidal",
    "suisidal": "suicidal",
    "tablits": "tablets",
    "tabelts": "tablets",
    "pils": "pills",
    "painkilers": "painkillers",
    "paracetamoll": "paracetamol",
    "overdoze": "overdose",
    "nomore": "no more",
    "anymoe": "anymore",
    "noone": "nobody",
    "evryone": "everyone",
    "everyon": "everyone",
    "beter": "better",
    "wihtout": "without",
    "witout": "without",
    "wthout": "without",
    "nolonger": "no longer",
    "piont": "point",
    "liveing": "living",
    "livng": "living",
}
NOT_A_WORD = re.compile(r"[^\w]+|_+")
LONG_RUN = re.compile(r"(\w)\1{2,}")


def normalise(text: str, *, fix_words: bool = True) -> str:
    """Lower-case words separated by single spaces, contractions spelled out; with fix_words,
    misspellings and text-speak corrected too."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(APOSTROPHES).translate(QUOTES).translate(INVISIBLE).casefold()
    for pattern, replacement in CONTRACTIONS:
        text = pattern.sub(replacement, text)
    text = text.replace("'", "")
    text = LONG_RUN.sub(r"\1", text)
    words = []
    for word in NOT_A_WORD.sub(" ", text).split():
        words.extend((WORD_FIXES.get(word, word) if fix_words else word).split())
    text = " ".join(words)
    for pattern, replacement in MULTIWORD_FIXES:
        text = pattern.sub(replacement, text)
    return text


@dataclass(frozen=True)
class PhraseRule:
    phrase: str
    max_gap: int = 1
    ignore: bool = False


@dataclass(frozen=True)
class CrisisMatch:
    """Why a post was flagged: a phrase rule (`phrase`, and the words it `matched`), or, with
    `example` set, the semantic check (`matched` is the post's sentence, `example` the at-risk
    example sentence it is closest to)."""

    phrase: str
    matched: str
    example: str = ""
    similarity: float = 0.0


# Word classes by name: each a tuple of alternatives ("tablets", "sleeping pills", "stockpil*").
WordClasses = tuple[tuple[str, tuple[str, ...]], ...]
CLASS_REFERENCE = re.compile(r"^<([a-z_]+)>$")


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[PhraseRule, ...]
    classes: WordClasses = ()
    # Example sentences for the semantic check: (text, True for at risk / False for not a sign).
    examples: tuple[tuple[str, bool], ...] = ()


def _alternative_pattern(alternative: str) -> str | None:
    prefix = alternative.endswith("*")
    words = normalise(alternative.rstrip("*"), fix_words=not prefix)
    if not words:
        return None
    return re.escape(words) + (r"[^ ]*" if prefix else "")


def _word_pattern(token: str, classes: dict[str, tuple[str, ...]]) -> str:
    alternatives = []
    for alternative in token.split("/"):
        reference = CLASS_REFERENCE.match(alternative.strip().lower())
        if reference:
            if reference.group(1) not in classes:
                raise ValueError(f"No word class called <{reference.group(1)}>")
            expanded = classes[reference.group(1)]
        else:
            expanded = (alternative,)
        alternatives.extend(filter(None, map(_alternative_pattern, expanded)))
    if not alternatives:
        raise ValueError(f"No words in {token!r}")
    # Longest first, so "sleeping tablets" wins over "sleeping" where both would do.
    alternatives.sort(key=len, reverse=True)
    return "(?:" + "|".join(alternatives) + ")"


@lru_cache(maxsize=2048)
def compile_phrase(phrase: str, max_gap: int = 1, classes: WordClasses = ()) -> re.Pattern:
    """Raises ValueError for a phrase with no words in it, or naming a word class that does
    not exist."""
    tokens = phrase.split()
    if not tokens:
        raise ValueError("An empty phrase")
    by_name = dict(classes)
    gap = rf"(?: [^ ]+){{0,{max(0, int(max_gap))}}} "
    body = gap.join(_word_pattern(token, by_name) for token in tokens)
    return re.compile(rf"(?<![^ ]){body}(?![^ ])")


def find_crisis_phrase(text: str, rules: RuleSet | list[PhraseRule]) -> CrisisMatch | None:
    """The first flagging phrase the text contains, once "ignore" idioms are blanked out."""
    if not isinstance(rules, RuleSet):
        rules = RuleSet(tuple(rules))
    normalised = normalise(text)
    for rule in rules.rules:
        if rule.ignore:
            pattern = compile_phrase(rule.phrase, rule.max_gap, rules.classes)
            normalised = pattern.sub(" | ", normalised)
    for rule in rules.rules:
        if rule.ignore:
            continue
        found = compile_phrase(rule.phrase, rule.max_gap, rules.classes).search(normalised)
        if found:
            return CrisisMatch(phrase=rule.phrase, matched=found.group(0))
    return None


def parse_class_words(words: str) -> tuple[str, ...]:
    """One alternative a line (commas work too); blank lines are skipped."""
    return tuple(word.strip() for word in re.split(r"[\n,]", words) if word.strip())


RULES_CACHE_KEY = "forums:crisis-rules"
# Saving or deleting retires the cache at once; the timeout only bounds how long a bulk
# `update()`, which sends no signal, takes to count.
RULES_CACHE_SECONDS = 10 * 60


def load_word_classes() -> WordClasses:
    from .models import CrisisWordClass

    return tuple(
        (name, parse_class_words(words))
        for name, words in CrisisWordClass.objects.values_list("name", "words")
    )


def load_examples() -> tuple[tuple[str, bool], ...]:
    from .models import CrisisExample

    return tuple(
        (text, kind == CrisisExample.Kind.AT_RISK)
        for text, kind in CrisisExample.objects.filter(active=True)
        .order_by("pk")
        .values_list("text", "kind")
    )


def _load_rules() -> RuleSet:
    from .models import CrisisPhrase

    classes = load_word_classes()
    rules = []
    for phrase, max_gap, kind in CrisisPhrase.objects.filter(active=True).values_list(
        "phrase", "max_gap", "kind"
    ):
        try:
            compile_phrase(phrase, max_gap, classes)
        except ValueError:
            continue
        rules.append(PhraseRule(phrase, max_gap, kind == CrisisPhrase.Kind.IGNORE))
    return RuleSet(tuple(rules), classes, load_examples())


def active_rules() -> RuleSet:
    """The phrases and word classes editors keep in the admin. Kept in the cache, which
    saving or deleting either retires (`forget_rules`), so an edit counts on the next post."""
    try:
        rules = cache.get(RULES_CACHE_KEY)
    except Exception:
        logger.warning("Cache unavailable; reading crisis phrases from the database.")
        return _load_rules()
    if rules is None:
        rules = _load_rules()
        try:
            cache.set(RULES_CACHE_KEY, rules, RULES_CACHE_SECONDS)
        except Exception:
            logger.warning("Cache unavailable; crisis phrases not cached.")
    return rules


def forget_rules(**kwargs) -> None:
    cache.delete(RULES_CACHE_KEY)


QUOTED_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)


def own_words(text: str) -> str:
    """The post without the lines it quotes (Markdown "> "): what another member wrote was
    checked when they posted it, and a quote's "Name wrote:" line is not the writer's own."""
    return QUOTED_LINE.sub("", text)


def find_crisis(text: str, rules: RuleSet) -> CrisisMatch | None:
    """A phrase rule first (the plainest reason to give); else the semantic check. When the
    sentence model cannot load, the phrase rules still work (a system check warns)."""
    text = own_words(text)
    match = find_crisis_phrase(text, rules)
    if match is not None:
        return match
    try:
        from . import crisis_model, crisis_semantic
    except ImportError:
        logger.exception(
            "Crisis check: numpy, safetensors or tokenizers is missing; phrase rules only."
        )
        return None
    try:
        found = crisis_semantic.find_resemblance(text, rules.examples)
    except crisis_model.ModelUnavailable:
        logger.exception("Crisis check: the sentence model is unavailable; phrase rules only.")
        return None
    if found is None:
        return None
    return CrisisMatch(
        phrase="", matched=found.sentence, example=found.example, similarity=found.similarity
    )


def detect_crisis(text: str) -> CrisisMatch | None:
    return find_crisis(text, active_rules())


def _quote(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def describe(match: CrisisMatch) -> str:
    """What the moderation queue shows as the reason a post was flagged, in plain words: the
    words that matched, never the rule's syntax."""
    if match.example:
        return (
            f"The sentence “{_quote(match.matched)}” resembles the warning sign "
            f"“{_quote(match.example)}” (similarity {match.similarity:.2f})"
        )[:300]
    return f"The post contains the warning-sign words “{_quote(match.matched)}”"[:300]
