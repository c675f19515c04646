from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from community.forums.crisis import (
    PhraseRule,
    RuleSet,
    active_rules,
    detect_crisis,
    find_crisis_phrase,
    normalise,
)
from community.forums.models import CrisisPhrase, CrisisWordClass

DATA = Path(__file__).parent / "data"
MIN_RECALL = 0.95
MAX_FALSE_POSITIVE_RATE = 0.05


def sentences(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [
        line.replace("\\n", "\n") for line in lines if line.strip() and not line.startswith("#")
    ]


def rate(texts: list[str], rules) -> tuple[float, list[str]]:
    flagged = [text for text in texts if find_crisis_phrase(text, rules)]
    missed = [text for text in texts if text not in flagged]
    return len(flagged) / len(texts), missed


@pytest.fixture
def rules(db):
    return active_rules()


@dataclass(frozen=True)
class Evaluation:
    """An at-risk set and an ordinary set, with the recall and false-positive rate the
    built-in phrases must reach on them."""

    name: str
    at_risk: tuple[str, ...]
    ordinary: tuple[str, ...]
    min_recall: float
    max_false_positive_rate: float


EVALUATIONS = [
    # The sets the phrases were written from.
    Evaluation(
        "training",
        ("crisis_at_risk.txt",),
        ("ordinary_sentences.txt",),
        MIN_RECALL,
        MAX_FALSE_POSITIVE_RATE,
    ),
    # Held out from the first phrases, then used while writing the word classes.
    Evaluation(
        "held-out 1+2 (since used for tuning)",
        ("crisis_at_risk_holdout_1.txt", "crisis_at_risk_holdout_2.txt"),
        ("ordinary_sentences_holdout.txt",),
        0.75,
        MAX_FALSE_POSITIVE_RATE,
    ),
    # Written before the word classes, by the person who then wrote them: flattering.
    Evaluation(
        "held-out 3 (written before the word classes)",
        ("crisis_at_risk_holdout_3.txt",),
        ("ordinary_sentences_holdout_3.txt",),
        MIN_RECALL,
        MAX_FALSE_POSITIVE_RATE,
    ),
    # Unseen at its first run (33% recall); rules were then added for what it missed.
    Evaluation(
        "held-out 4 (tuned after its first run)",
        ("crisis_at_risk_holdout_4.txt",),
        ("ordinary_sentences_holdout_4.txt",),
        0.85,
        MAX_FALSE_POSITIVE_RATE,
    ),
    # Written after the rules were frozen and never used to change them: the honest estimate
    # of recall on wordings nobody wrote a rule for. Its first run caught 3 of 30 (10%) with
    # no false positives; the floor is that result, so the test catches a regression. It is
    # far below what a safeguarding tool needs: phrase rules catch the way people say things
    # that someone has already written down, not oblique or new ways ("I looked at the river
    # for ages and thought about it"). Member reports and moderators reading the forums
    # remain the main safeguard; the detector is a fast path for the plain wordings.
    Evaluation(
        "held-out 5 (unseen)",
        ("crisis_at_risk_holdout_5.txt",),
        ("ordinary_sentences_holdout_5.txt",),
        0.10,
        MAX_FALSE_POSITIVE_RATE,
    ),
]


@pytest.mark.parametrize("evaluation", EVALUATIONS, ids=lambda evaluation: evaluation.name)
def test_recall_and_false_positives_on_each_set(rules, evaluation, record_property):
    at_risk = [text for name in evaluation.at_risk for text in sentences(name)]
    ordinary = [text for name in evaluation.ordinary for text in sentences(name)]
    assert len(set(at_risk)) == len(at_risk) and len(set(ordinary)) == len(ordinary)

    recall, missed = rate(at_risk, rules)
    false_positive_rate, _ = rate(ordinary, rules)
    falsely_flagged = [text for text in ordinary if find_crisis_phrase(text, rules)]

    report = (
        f"crisis detection, {evaluation.name}: recall {recall:.1%} of {len(at_risk)} at-risk, "
        f"false positives {false_positive_rate:.1%} of {len(ordinary)} ordinary"
    )
    record_property("crisis detection", report)
    assert recall >= evaluation.min_recall, missed
    assert false_positive_rate <= evaluation.max_false_positive_rate, falsely_flagged


def test_the_sets_are_as_large_as_the_issue_asks():
    assert len(sentences("crisis_at_risk.txt")) >= 60
    assert len(sentences("ordinary_sentences.txt")) >= 40
    for name in ("crisis_at_risk_holdout_3.txt", "ordinary_sentences_holdout_3.txt"):
        assert len(sentences(name)) >= 30
    for name in ("crisis_at_risk_holdout_5.txt", "ordinary_sentences_holdout_5.txt"):
        assert len(sentences(name)) >= 30


@pytest.mark.parametrize(
    "text",
    [
        "I can’t go on",
        "I can‘t go on",
        "I CAN'T GO ON",
        "I can\u02bct go on",
        "I cant go on",
        "I don’t want to be here any more",
        "Everyone’d be better off without me",
    ],
)
def test_curly_apostrophes_capitals_and_missing_apostrophes_change_nothing(rules, text):
    assert find_crisis_phrase(text, rules) is not None


@pytest.mark.parametrize(
    "text",
    [
        "I want to end\nit all",
        "I have been thinking of taking all my tablets\r\nat once",
        "Everyone would be better off\n\nwithout me",
        "I can’t\ngo on",
        "I   want to    die",
    ],
)
def test_line_breaks_and_spacing_inside_a_phrase_change_nothing(rules, text):
    assert find_crisis_phrase(text, rules) is not None


def test_words_match_whole_words_only(rules):
    assert find_crisis_phrase("I want to diet before the operation", rules) is None
    assert find_crisis_phrase("The skill myself and others learnt", rules) is None


def test_normalising_spells_out_contractions_and_folds_unicode():
    assert normalise("I’M ＴＩＲＥＤ—can’t\u200b go on!") == "i am tired cannot go on"
    assert normalise("Im sooo done, dont know") == "i am so done do not know"


def test_a_phrase_an_editor_adds_counts_on_the_next_post(db):
    text = "I feel the curtain is coming down on me"
    assert detect_crisis(text) is None

    CrisisPhrase.objects.create(phrase="curtain coming down", max_gap=2)

    match = detect_crisis(text)
    assert match is not None and match.phrase == "curtain coming down"


def test_switched_off_phrases_and_ignored_idioms_do_not_flag(db):
    CrisisPhrase.objects.filter(phrase="ending things").update(active=False)
    assert detect_crisis("I feel like ending things") is None

    CrisisPhrase.objects.create(phrase="want to die of embarrassment", kind="ignore", max_gap=0)
    assert detect_crisis("I want to die of embarrassment when I fall over") is None
    assert detect_crisis("I want to die") is not None


def test_gaps_allow_a_few_words_between_but_not_many():
    rules = [PhraseRule("want to end it all", max_gap=1)]
    assert find_crisis_phrase("I want to just end it all", rules)
    assert not find_crisis_phrase("I want to go to the shop and end it all", rules)


def test_a_phrase_without_words_is_refused_in_the_admin(db):
    with pytest.raises(ValidationError):
        CrisisPhrase(phrase="/ *", max_gap=1).full_clean()


@pytest.mark.parametrize(
    "text",
    [
        "I would never hurt myself, I just need to vent",
        "I don't want to hurt myself, the physio said to go slowly",
        "I'm not suicidal, just fed up with the pain",
        "I thought I was going to die when I fell down the stairs",
        "I don't want to die from a fall like my nan did",
    ],
)
def test_negated_and_past_tense_warnings_do_not_flag(rules, text):
    assert find_crisis_phrase(text, rules) is None


def test_a_negated_warning_does_not_hide_another_warning_sign(rules):
    match = find_crisis_phrase("I don't want to die but I can't go on like this", rules)
    assert match is not None and "cannot go on" in match.matched


def test_one_rule_with_word_classes_covers_its_synonyms():
    rules = RuleSet(
        (PhraseRule("<intent> <ending>", max_gap=2),),
        classes=(("intent", ("planning", "want")), ("ending", ("end it", "die"))),
    )
    assert find_crisis_phrase("I'm planning to end it", rules)
    assert find_crisis_phrase("I want to die", rules)
    assert not find_crisis_phrase("I'm planning to end the tablets", rules)


def test_a_word_an_editor_adds_to_a_class_counts_on_the_next_post(db):
    text = "I have been saving up my nefopam"
    assert detect_crisis(text) is None

    meds = CrisisWordClass.objects.get(name="meds")
    meds.words += "\nnefopam"
    meds.save()

    assert detect_crisis(text) is not None


def test_the_phrase_list_is_read_from_the_database_once_then_from_the_cache(
    db, django_assert_num_queries
):
    with django_assert_num_queries(2):
        detect_crisis("I want to die")
    with django_assert_num_queries(0):
        assert detect_crisis("I want to die") is not None


def test_deleting_a_phrase_retires_the_cached_list(db):
    assert detect_crisis("I feel like ending things") is not None

    CrisisPhrase.objects.get(phrase="ending things").delete()

    assert detect_crisis("I feel like ending things") is None


def test_a_phrase_naming_a_missing_word_class_is_refused(db):
    with pytest.raises(ValidationError) as refused:
        CrisisPhrase(phrase="<nonsense> myself", max_gap=1).full_clean()
    assert "<nonsense>" in str(refused.value)


@pytest.mark.parametrize("name", ["Meds", "my-meds", "meds 2"])
def test_a_word_class_name_must_be_lower_case_letters_and_underscores(db, name):
    with pytest.raises(ValidationError) as refused:
        CrisisWordClass(name=name, words="tablets").full_clean()
    assert "name" in refused.value.message_dict


def test_a_site_moderator_extends_a_word_class_in_the_admin_and_it_counts_at_once(
    client, site_moderator
):
    text = "I have been stockpiling my nefopam"
    assert detect_crisis(text) is None
    meds = CrisisWordClass.objects.get(name="meds")
    client.force_login(site_moderator)

    response = client.post(
        reverse("wagtailsnippets_forums_crisiswordclass:edit", args=[meds.pk]),
        {"name": "meds", "words": meds.words + "\nnefopam", "note": meds.note},
    )

    assert response.status_code == 302
    assert detect_crisis(text) is not None


def test_members_cannot_open_the_crisis_lists_in_the_admin(client, other_member):
    client.force_login(other_member)

    response = client.get(reverse("wagtailsnippets_forums_crisiswordclass:list"))

    assert response.status_code == 403
