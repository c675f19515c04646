"""The plain-language check editors see beside an article: how hard it is to read, which
sentences are long, and which medical terms it uses without explaining them."""

import html
import re
from dataclasses import dataclass, field

import textstat
from django.utils.html import strip_tags

TARGET_READING_AGE = 12
LONG_SENTENCE_WORDS = 25
# The US school grade (Flesch-Kincaid) plus five is the age of a reader at that grade; the UK
# convention for "reading age".
GRADE_TO_AGE = 5
MEDICAL_TERMS = [
    "acetaminophen",
    "analgesic",
    "bisphosphonate",
    "compression fracture",
    "denosumab",
    "densitometry",
    "DEXA",
    "fragility fracture",
    "glucocorticoid",
    "kyphoplasty",
    "kyphosis",
    "mineralisation",
    "mineralization",
    "NSAID",
    "nonsteroidal anti-inflammatory",
    "osteopenia",
    "osteoporosis",
    "sarcopenia",
    "T-score",
    "vertebra",
    "vertebrae",
    "vertebroplasty",
]
# A sentence that names a term and says what it is: "Kyphosis means…", "a DEXA (bone density)
# scan", "kyphoplasty, a procedure that…".
EXPLAINED_BY = re.compile(
    r"\b(means?|is an?|are|is when|is the|called|a type of|which is|that is)\b|[(—:]|, an? ",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


@dataclass
class PlainLanguageCheck:
    words: int
    grade: float
    reading_age: int
    long_sentences: list[str] = field(default_factory=list)
    unexplained_terms: list[str] = field(default_factory=list)
    target_reading_age: int = TARGET_READING_AGE

    @property
    def meets_target(self) -> bool:
        return self.reading_age <= self.target_reading_age


def sentences_of(text: str) -> list[str]:
    return [sentence.strip() for sentence in SENTENCE_END.split(text) if sentence.strip()]


def _unexplained_terms(sentences: list[str]) -> list[str]:
    unexplained = []
    for term in MEDICAL_TERMS:
        pattern = re.compile(rf"\b{re.escape(term)}\b", re.IGNORECASE)
        using = [sentence for sentence in sentences if pattern.search(sentence)]
        if using and not any(EXPLAINED_BY.search(sentence) for sentence in using):
            unexplained.append(term)
    return unexplained


def check_text(text: str) -> PlainLanguageCheck:
    sentences = sentences_of(text)
    words = textstat.lexicon_count(text) if text.strip() else 0
    grade = max(0.0, round(textstat.flesch_kincaid_grade(text), 1)) if words else 0.0
    return PlainLanguageCheck(
        words=words,
        grade=grade,
        reading_age=round(grade) + GRADE_TO_AGE,
        long_sentences=[s for s in sentences if len(s.split()) > LONG_SENTENCE_WORDS],
        unexplained_terms=_unexplained_terms(sentences),
    )


def _block_texts(body) -> list[str]:
    texts = []
    for block in body:
        value = block.value
        if block.block_type == "paragraph":
            texts.append(value.source)
        elif block.block_type == "callout":
            texts.append(value["text"].source)
        elif block.block_type == "faq":
            texts.extend([value["question"], value["answer"].source])
        elif block.block_type == "quote":
            texts.append(value["text"])
    return [html.unescape(strip_tags(text)) for text in texts]


def check_article(article) -> PlainLanguageCheck:
    """The check of an article's summary and body text (headings, images and tables aside)."""
    return check_text(" ".join([article.summary or "", *_block_texts(article.body)]))
