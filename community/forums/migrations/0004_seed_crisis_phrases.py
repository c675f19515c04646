"""The built-in crisis phrases: warning signs named in published safe-messaging and
suicide-prevention guidance for online communities, written as patterns (syntax in
community/forums/crisis.py), and everyday idioms that must not flag a post. Editors extend
the list in the admin (Snippets > Crisis phrases)."""

from django.db import migrations

FLAG = [
    # (phrase, words allowed between)
    ("suicid*", 0),
    ("kill/killing/hang/hanging/drown/drowning/poison/poisoning myself", 0),
    ("cutting myself", 0),
    ("hurt/hurting/harm/harming/cut/cutting/burn/burning myself purpose/deliberately", 3),
    ("hurting/harming/cutting myself to cope", 0),
    ("want/urge/tempted/going hurt/harm/hurting/harming myself", 2),
    ("selfharm*", 0),
    ("cutting/harming/hurting again", 0),
    ("pills/tablets/painkillers lined up", 1),
    ("car into/off wall/tree/bridge/cliff", 2),
    ("stop/end permanently/forever", 1),
    ("end/ending/take/taking my life", 1),
    ("end/ending it all", 1),
    ("ending things", 0),
    ("want/wanted/wanting/ready/wish/wishing to die", 1),
    ("wish i was/were dead", 1),
    ("never been born", 0),
    ("better off dead", 0),
    ("rather be dead", 0),
    ("better off/place without me", 2),
    ("better off not waking/alive/living/here/around", 1),
    ("happier/off if i was/were/am gone/dead", 1),
    ("happier/off if i was/were/am not here/around/alive", 1),
    ("burden to/on everyone/everybody/my/them/people/you/all", 1),
    ("nothing/nobody to live for", 1),
    ("no reason to live/living/exist/keep", 2),
    ("point living/existing", 2),
    ("point going/carrying/keeping on", 2),
    ("not worth living", 1),
    ("not want to live/exist", 1),
    ("not want to be alive", 0),
    ("not want to be here/alive/around anymore/longer", 1),
    ("not want to wake up", 1),
    ("sleep and never/not wake up", 1),
    ("hope/hoping/wish/wishing i will/would not/never wake", 1),
    ("not be around/here much/longer", 2),
    (
        "take/taking/took/swallow* all tablets/pills/painkillers/meds/medication/paracetamol once/together/tonight/go",
        2,
    ),
    ("take/taking/took/planning an/a overdose/od", 1),
    ("overdos* on", 0),
    ("stockpil*/hoard*/saving/saved pills/tablets/painkillers/meds/paracetamol/medication", 2),
    ("how many pills/tablets/painkillers/paracetamol it would/will take", 1),
    ("cannot cope anymore", 0),
    ("jump*/throw* off/from bridge/building/roof/cliff/balcony", 2),
    ("step*/walk*/throw*/jump* front of train/bus/lorry/traffic", 1),
    ("see no/any way out", 1),
    ("no way out", 0),
    ("my goodbye", 0),
    ("letter*/note* goodbye", 2),
    ("goodbye to everyone/everybody/all/children/kids/family", 2),
    ("giv*/gave away my things/stuff/belongings/possessions", 1),
    ("after i am gone", 0),
    ("disappear/vanish forever/good", 1),
    ("tired/sick of life/existing/alive", 1),
    ("enough of life/living/alive", 1),
    ("cannot go/carry on", 1),
    ("cannot live like this", 1),
    ("nobody would/will care/notice/miss if i died/dead/gone/disappeared", 1),
]
IGNORE = [
    ("go/carry on the/a/an/holiday/walks/walking/running/about", 0),
    ("go/carry on with running/walking/swimming/exercise*/work/the/my/physio", 0),
    ("kill/killed/killing myself laughing", 0),
    ("not want/wanting to die", 0),
]


def forwards(apps, schema_editor):
    CrisisPhrase = apps.get_model("forums", "CrisisPhrase")
    for kind, phrases in (("flag", FLAG), ("ignore", IGNORE)):
        for phrase, max_gap in phrases:
            CrisisPhrase.objects.get_or_create(
                phrase=phrase,
                defaults={"kind": kind, "max_gap": max_gap, "note": "Built in"},
            )


def backwards(apps, schema_editor):
    CrisisPhrase = apps.get_model("forums", "CrisisPhrase")
    CrisisPhrase.objects.filter(phrase__in=[phrase for phrase, _ in FLAG + IGNORE]).delete()


class Migration(migrations.Migration):
    dependencies = [("forums", "0003_crisis_phrases")]

    operations = [migrations.RunPython(forwards, backwards)]
