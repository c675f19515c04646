from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from community.forums import crisis_model, crisis_semantic
from community.forums.checks import SENTENCE_MODEL_MISSING, check_crisis_model_installed
from community.forums.crisis import (
    PhraseRule,
    RuleSet,
    active_rules,
    describe,
    detect_crisis,
    find_crisis,
    find_crisis_phrase,
    normalise,
)
from community.forums.crisis_semantic import MAX_CHARACTERS, MAX_UNITS, units
from community.forums.models import CrisisExample, CrisisPhrase, CrisisWordClass

DATA = Path(__file__).parent / "data"
MIN_RECALL = 0.95
MAX_FALSE_POSITIVE_RATE = 0.05


def sentences(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [
        line.replace("\\n", "\n") for line in lines if line.strip() and not line.startswith("#")
    ]


def rate(texts: list[str], rules) -> tuple[float, list[str], list[str]]:
    """The share flagged, the texts flagged and the texts missed; each text checked once."""
    found = [bool(find_crisis(text, rules)) for text in texts]
    flagged = [text for text, hit in zip(texts, found, strict=True) if hit]
    missed = [text for text, hit in zip(texts, found, strict=True) if not hit]
    return len(flagged) / len(texts), flagged, missed


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


# Recall and false positives of the whole check (phrase rules, then the semantic check).
# Every set here was tuned on: its sentences are example sentences (migrations 0012 and 0014 to
# 0016, 0018) that the regression learns from and the sentence model was fine-tuned on
# (scripts/tune_crisis_model.py), and sets 6, 8 and 9 also shaped the "ignore" phrases. So
# these figures say the examples are learnt, not that the check generalises; a set nobody
# tuned on answers that, and none of these is one any longer.
# With migration 0018's examples and the model tuned on them, every set below is recalled in
# full (100 %) and the false positives are 0 % but for set 6 (2.4 %, 1 of 42), set 8 (1.3 %,
# 1 of 76) and set 9 (2.0 %, 2 of 100), all four by meaning, none by a phrase rule.
TUNED = [
    ("training", "crisis_at_risk.txt", "ordinary_sentences.txt"),
    ("held-out 1", "crisis_at_risk_holdout_1.txt", "ordinary_sentences_holdout.txt"),
    ("held-out 2", "crisis_at_risk_holdout_2.txt", "ordinary_sentences_holdout.txt"),
    ("held-out 3", "crisis_at_risk_holdout_3.txt", "ordinary_sentences_holdout_3.txt"),
    ("held-out 4", "crisis_at_risk_holdout_4.txt", "ordinary_sentences_holdout_4.txt"),
    ("held-out 5", "crisis_at_risk_holdout_5.txt", "ordinary_sentences_holdout_5.txt"),
    # Unseen until run three times before the semantic check existed: recall 86.4 % (38 of
    # 44), false positives 9.5 % (4 of 42). Tuned on since migration 0014. Three of its four
    # false positives were phrase rules ("This is my last post before I go into hospital…",
    # "I don't want to live in a bungalow yet…", "I'm tired of existing on painkillers and
    # toast…"), which migration 0018's "ignore" phrases cover; the fourth, by meaning, is the
    # first half of a sentence cut at an ellipsis ("I've written my birth plan...").
    ("held-out 6", "crisis_at_risk_holdout_6.txt", "ordinary_sentences_holdout_6.txt"),
    # Unseen until run once with migration 0014's examples: recall 84.2 % (48 of 57), false
    # positives 1.8 % (1 of 56). An example set since migration 0015.
    ("held-out 7", "crisis_at_risk_holdout_7.txt", "ordinary_sentences_holdout_7.txt"),
    # Written by someone who had not seen the check or its examples, and run once unseen, with
    # the fine-tuned model of migration 0015's examples: recall 97.5 % (78 of 80), false
    # positives 13.2 % (10 of 76: six phrase rules, four by meaning). An example set since
    # migration 0016, which also made three of those phrase-rule idioms "ignore" phrases;
    # migration 0018's cover the other three.
    ("held-out 8", "crisis_at_risk_holdout_8.txt", "ordinary_sentences_holdout_8.txt"),
    # Written by someone who had seen neither the check nor any other set, and run once
    # unseen with the model tuned on migration 0016's examples: recall 95.0 % (96 of 101),
    # false positives 8.0 % (8 of 100: four phrase rules, among them a supportive report of
    # someone else feeling suicidal and a joke about throwing himself off the roof; four by
    # meaning, e.g. "This group has been a lifeline, I honestly don't know what I'd do without
    # you all"). The issue's 5 % was not met on it. An example set since migration 0018, whose
    # "ignore" phrases were written with its false positives in view: its figures now say
    # nothing about wordings nobody tuned for.
    ("held-out 9", "crisis_at_risk_holdout_9.txt", "ordinary_sentences_holdout_9.txt"),
    # Written by someone who had seen neither the check nor any other set, committed, and run
    # once unseen with migration 0018's examples and model: recall 92.0 % (138 of 150), false
    # positives 10.7 % (16 of 150). Of the 12 misses, six asked about lethal doses for
    # themselves, which four flagging phrases of migration 0019 now catch; nine of the 16 false
    # positives were sentences of under six words read alone ("Changed my life.", "Worth the
    # money?"), which crisis_semantic now reads with their neighbours. An example set since
    # migration 0019, and the model was tuned on it again.
    ("held-out 10", "crisis_at_risk_holdout_10.txt", "ordinary_sentences_holdout_10.txt"),
    # Written the same way, committed before migration 0019 and run once unseen with it:
    # recall 95.3 % (143 of 150), false positives 5.3 % (8 of 150). Of the misses, three were
    # someone widowed wanting to join the one they lost; three false positives were phrase
    # rules, narrowed in migration 0020. An example set since migration 0020 (model re-tuned).
    ("held-out 11", "crisis_at_risk_holdout_11.txt", "ordinary_sentences_holdout_11.txt"),
]
EVALUATIONS = [
    Evaluation(f"{name} (tuned on)", (at_risk,), (ordinary,), MIN_RECALL, MAX_FALSE_POSITIVE_RATE)
    for name, at_risk, ordinary in TUNED
] + [
    # Written by someone who had seen neither the check nor any other set, committed before
    # migration 0020 and run once, unseen, with it: the measure of wordings nobody tuned for.
    Evaluation(
        "held-out 12 (unseen)",
        ("crisis_at_risk_holdout_12.txt",),
        ("ordinary_sentences_holdout_12.txt",),
        MIN_RECALL,
        MAX_FALSE_POSITIVE_RATE,
    ),
]


@pytest.mark.parametrize("evaluation", EVALUATIONS, ids=lambda evaluation: evaluation.name)
def test_recall_and_false_positives_on_each_set(rules, evaluation, record_property):
    at_risk = [text for name in evaluation.at_risk for text in sentences(name)]
    ordinary = [text for name in evaluation.ordinary for text in sentences(name)]
    assert len(set(at_risk)) == len(at_risk) and len(set(ordinary)) == len(ordinary)

    recall, _, missed = rate(at_risk, rules)
    false_positive_rate, falsely_flagged, _ = rate(ordinary, rules)

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
    for name in ("crisis_at_risk_holdout_7.txt", "ordinary_sentences_holdout_7.txt"):
        assert len(sentences(name)) >= 50
    for name in ("crisis_at_risk_holdout_9.txt", "ordinary_sentences_holdout_9.txt"):
        assert len(sentences(name)) >= 100


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
    assert find_crisis_phrase(text, active_rules()) is None

    CrisisPhrase.objects.create(phrase="curtain coming down", max_gap=2)

    match = find_crisis_phrase(text, active_rules())
    assert match is not None and match.phrase == "curtain coming down"


def test_switched_off_phrases_and_ignored_idioms_do_not_flag(db):
    CrisisPhrase.objects.filter(phrase="ending things").update(active=False)
    assert find_crisis_phrase("I feel like ending things", active_rules()) is None

    CrisisPhrase.objects.create(phrase="want to die of embarrassment", kind="ignore", max_gap=0)
    rules = active_rules()
    assert find_crisis_phrase("I want to die of embarrassment when I fall over", rules) is None
    assert find_crisis_phrase("I want to die", rules) is not None


@pytest.mark.parametrize(
    ("everyday", "at_risk"),
    [
        (
            "I read an article about suicide prevention for carers",
            "I read an article about suicide and I keep thinking about it for myself",
        ),
        (
            "My friend overdosed on calcium by accident once",
            "I overdosed on my painkillers last night",
        ),
        (
            "All my pills are lined up in a weekly pill box now",
            "All my pills are lined up on the table tonight",
        ),
        (
            "My brother was suicidal after his accident but he's doing well now",
            "I was suicidal after my accident and I still am",
        ),
        (
            "This will be my last post before my operation, see you all soon",
            "This will be my last post, goodbye everyone",
        ),
        (
            "There's no point living in a bungalow if the garden has steps",
            "There's no point living in this much pain",
        ),
        (
            "My husband jokes he'll throw himself off the roof if I buy more cushions",
            "I keep thinking I'll throw myself off the roof",
        ),
        (
            "I take all my tablets at once with breakfast, is that ok?",
            "I'm going to take all my tablets at once tonight",
        ),
    ],
)
def test_everyday_idioms_around_a_warning_phrase_are_ignored(rules, everyday, at_risk):
    assert find_crisis_phrase(everyday, rules) is None
    assert find_crisis_phrase(at_risk, rules) is not None


def test_quoted_lines_are_not_the_writers_own_words(rules):
    supportive_reply = (
        "> **Leaving Soon** wrote:\n> I want to end it all tonight\n\n"
        "Please call the Samaritans, we are here for you"
    )
    assert find_crisis(supportive_reply, rules) is None

    own_crisis = "> **Leaving Soon** wrote:\n> How was physio?\n\nI want to end it all tonight"
    assert find_crisis(own_crisis, rules) is not None


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
    assert find_crisis_phrase(text, active_rules()) is None

    meds = CrisisWordClass.objects.get(name="meds")
    meds.words += "\nnefopam"
    meds.save()

    assert find_crisis_phrase(text, active_rules()) is not None


def test_the_phrase_list_is_read_from_the_database_once_then_from_the_cache(
    db, django_assert_num_queries
):
    with django_assert_num_queries(3):
        detect_crisis("I want to die")
    with django_assert_num_queries(0):
        assert detect_crisis("I want to die") is not None


def test_deleting_a_phrase_retires_the_cached_list(db):
    assert find_crisis_phrase("I feel like ending things", active_rules()) is not None

    CrisisPhrase.objects.get(phrase="ending things").delete()

    assert find_crisis_phrase("I feel like ending things", active_rules()) is None


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
    assert find_crisis_phrase(text, active_rules()) is None
    meds = CrisisWordClass.objects.get(name="meds")
    client.force_login(site_moderator)

    response = client.post(
        reverse("wagtailsnippets_forums_crisiswordclass:edit", args=[meds.pk]),
        {"name": "meds", "words": meds.words + "\nnefopam", "note": meds.note},
    )

    assert response.status_code == 302
    assert find_crisis_phrase(text, active_rules()) is not None


def test_members_cannot_open_the_crisis_lists_in_the_admin(client, other_member):
    client.force_login(other_member)

    response = client.get(reverse("wagtailsnippets_forums_crisiswordclass:list"))

    assert response.status_code == 403


def test_a_new_wording_is_flagged_by_meaning_and_the_queue_says_what_it_resembles(rules):
    text = "Honestly I think it is time I left this world for good"
    assert find_crisis_phrase(text, rules) is None

    match = find_crisis(text, rules)

    assert match is not None and match.example
    reason = describe(match)
    assert reason.startswith(f"The sentence “{text}” resembles the warning sign “")
    assert "(similarity 0." in reason
    assert "<" not in reason


def test_the_margin_to_the_nearest_examples_counts_in_the_score(rules, monkeypatch):
    text = "I reckon the kids would manage fine if I was out of the picture"
    with_margin = crisis_semantic.find_resemblance(text, rules.examples)
    assert with_margin is not None

    monkeypatch.setattr(crisis_semantic, "MARGIN_WEIGHT", 0.0)
    without_margin = crisis_semantic.find_resemblance(text, rules.examples)

    assert without_margin is None or without_margin.score < with_margin.score


def test_a_phrase_match_is_explained_with_the_words_not_the_rule(rules):
    match = find_crisis("Sometimes I think everyone would be better off without me", rules)

    assert match.phrase and "<" in match.phrase
    assert describe(match) == ("The post contains the warning-sign words “better off without me”")


def test_an_example_sentence_an_editor_adds_counts_on_the_next_post(db):
    text = "The lighthouse keeper put out his lamp for good"
    assert detect_crisis(text) is None

    CrisisExample.objects.create(text="The lighthouse keeper has put out his lamp for good")

    match = detect_crisis(text)
    assert match is not None
    assert match.example == "The lighthouse keeper has put out his lamp for good"


def test_an_everyday_example_sentence_an_editor_adds_stops_a_false_alarm(db):
    text = "This fracture clinic wait is killing me slowly"
    CrisisExample.objects.create(
        text="The fracture clinic wait is killing me slowly", kind="not_a_sign"
    )

    assert detect_crisis(text) is None


def test_a_long_post_is_split_into_sentences_and_capped():
    pieces = units("My hip is sore today.\nI went to\nphysio! It helped? ")

    assert pieces == [
        "My hip is sore today.",
        "I went to",
        "physio!",
        "It helped?",
        "I went to physio!",  # a sentence cut by a line break, joined again
        "My hip is sore today. I went to",  # sentences under six words, with their neighbours
        "physio! It helped?",
    ]
    assert len(units(" ".join(f"News item {number}." for number in range(100)))) == MAX_UNITS
    assert units("x" * 5000) == ["x" * MAX_CHARACTERS]


def test_a_warning_sign_split_by_line_breaks_is_still_seen_by_meaning(rules):
    text = "I have thought about it a lot\n\nand I am ready to leave this world"
    assert find_crisis(text, rules) is not None


@pytest.mark.parametrize("text", ["Reply number 0", "Thanks!", "ok", "12345"])
def test_short_everyday_text_unlike_any_example_is_not_flagged(rules, text):
    assert find_crisis(text, rules) is None


def test_a_repeated_sentence_is_not_embedded_again(rules):
    find_crisis("A sentence about calcium tablets and vitamin D.", rules)

    assert "A sentence about calcium tablets and vitamin D." in crisis_semantic._recent
    before = len(crisis_semantic._recent)
    find_crisis("A sentence about calcium tablets and vitamin D.", rules)
    assert len(crisis_semantic._recent) == before


def test_without_the_model_the_phrase_rules_still_flag_and_a_check_warns(rules, monkeypatch):
    def unavailable():
        raise crisis_model.ModelUnavailable("gone")

    monkeypatch.setattr(crisis_model, "model_directory", unavailable)
    monkeypatch.setattr(crisis_model, "_model", None)

    assert find_crisis("I want to end it all", rules) is not None
    assert find_crisis("I'm ready to leave this world and everyone in it", rules) is None
    assert check_crisis_model_installed() == [SENTENCE_MODEL_MISSING]


def test_the_model_check_is_quiet_when_the_model_is_installed():
    assert check_crisis_model_installed() == []


def _add_example(client):
    return client.post(
        reverse("wagtailsnippets_forums_crisisexample:add"),
        {"text": "I have given my season ticket away for good", "kind": "at_risk", "active": "on"},
    )


def test_anonymous_visitors_cannot_add_an_example_sentence(client, db):
    response = _add_example(client)

    assert response.status_code == 302 and "/login" in response["Location"]
    assert not CrisisExample.objects.filter(text__startswith="I have given my season").exists()


def test_members_cannot_add_an_example_sentence(client, other_member):
    client.force_login(other_member)

    response = _add_example(client)

    assert response.status_code in (302, 403)
    assert not CrisisExample.objects.filter(text__startswith="I have given my season").exists()


def test_a_group_moderator_without_site_powers_cannot_add_an_example_sentence(
    client, group_moderator
):
    client.force_login(group_moderator)

    response = _add_example(client)

    assert response.status_code in (302, 403)
    assert not CrisisExample.objects.filter(text__startswith="I have given my season").exists()


def test_a_site_moderator_adds_an_example_sentence_in_the_admin_and_it_counts_at_once(
    client, site_moderator
):
    text = "I've given my season ticket away for good"
    client.force_login(site_moderator)

    response = _add_example(client)

    assert response.status_code == 302
    match = detect_crisis(text)
    assert match is not None and match.example == "I have given my season ticket away for good"


def test_example_embeddings_are_shared_with_other_workers_through_the_cache(monkeypatch):
    sentence = "An example sentence only this test uses, about hip protectors at night."
    first = crisis_semantic.embed_cached([sentence])[0]

    def embed_again(sentences):
        raise AssertionError(f"embedded again: {sentences}")

    monkeypatch.setattr(crisis_semantic, "_embeddings", {})  # a new worker's memory
    monkeypatch.setattr(crisis_model, "embed", embed_again)
    again = crisis_semantic.embed_cached([sentence])[0]

    assert again.tolist() == first.tolist()


def test_examples_are_embedded_here_when_the_shared_cache_is_down(settings, monkeypatch):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    monkeypatch.setattr(crisis_semantic, "_embeddings", {})

    vectors = crisis_semantic.embed_cached(["Nobody is listening to this cache today."])

    assert vectors.shape == (1, 384)
