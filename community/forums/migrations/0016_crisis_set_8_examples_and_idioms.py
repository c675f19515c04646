"""Held-out set 8 of the crisis check (#15), run once unseen (recall 97.5 %, false positives
13.2 %), becomes example sentences, as sets 6 and 7 did; and three everyday idioms that phrase
rules flagged in it become "ignore" phrases: talk about suicide prevention or awareness, an
accidental overdose, and pills lined up in a pill box or organiser."""

from django.db import migrations

SET_8_NOTE = "Held-out set 8, moved into the examples after it was run (migration 0016)"

IGNORE = [
    ("suicid* prevention/awareness", 0),
    ("accidental/accidentally overdos*", 0),
    ("overdos* by accident/mistake", 3),
    ("lined up in a/the/my box/organiser/organizer/dosette/dossette/dispenser/pack/tray", 2),
]

SET_8_AT_RISK = [
    "I don't want to be here anymore.",
    "i dont want to be here any more, not with this back",
    "Since the third fracture I honestly don’t see the point in living.",
    "Everyone would be better off without me, especially my daughter who has to do everything.",
    "I'm just a burden on my husband now, he'd be freer if I was gone.",
    "I’ve started saving up my oxycodone so I have enough when I decide.",
    "I have been thinking of taking all my tablets at once.",
    "been stockpiling my tramadol for a while now and I know how many it would take",
    "Physio was cancelled again. Honestly I just want to go to sleep and not wake up.",
    "Every night I pray I won't wake up in the morning.",
    "i wish i could just not wake up tomorow",
    "I can’t go on like this.",
    "cant go on like this any longer, the kyphosis pain is unbearable",
    "I've been thinking about ending my life.",
    "Some days I think about killing myself, I won't lie.",
    "I want to die. There, I said it.",
    "I just want to die, this pain never stops.",
    "Thanks everyone for your kindness over the years, this is my goodbye.",
    "I wanted to say goodbye to you all properly before I go.",
    "I’ve written letters to my kids and put them in the drawer with my will, so that’s done now.",
    "I've given my dog to my neighbour and sorted my affairs, so there's nothing left to do.",
    "I'm giving away my things so nobody has to clear up after me.",
    "I’ve looked up how many paracetamol would be enough.",
    "I've been googling ways to end it that wouldn't hurt.",
    "Been researching how to kill myself painlessly, sorry to put that here.",
    "I've been cutting myself again since the hospital sent me home.",
    "started self harming again last week, nobody knows",
    "I scratch my arms till they bleed just to feel something other than the back pain.",
    "I burned myself with the kettle on purpose yesterday.",
    "I have a plan and I think Friday will be the day.",
    "By this time next week it will all be over for me.",
    "I won’t be around for the next meeting, not ever.",
    "There is no way out of this pain except ending it.",
    "I feel completely trapped in this body and the only exit I can see is death.",
    "Theres no hope left. Nothing will ever get better and I'm done fighting.",
    "I’m so tired of living like this, I want it all to end.",
    "I want to end it all.",
    "Sometimes I just want to end it all and be done.",
    "The pain is unbearable and I can’t take it anymore, I’m going to take everything in the cabinet tonight.",
    "My wife would be better off with the life insurance than with me.",
    "If I fell down the stairs and didn't get up, honestly I'd be relieved.",
    "I keep standing at the top of the multi-storey car park near the hospital thinking about jumping.",
    "i keep thinking about stepping in front of a train on the way back from physio",
    "I've been looking at the bridge on my walk and thinking how easy it would be.",
    "Ive bought a rope. I dont know why I'm telling strangers this.",
    "I’ve got the pills lined up on the table and I'm thinking about it right now.",
    "I don't think I'll be here much longer, and honestly I don't want to be.",
    "Nobody would even notice if I was gone.",
    "No one would miss me if I disappeared for good.",
    "What's the point of carrying on when every day is agony?",
    "I’m seriously thinking about suicide.",
    "suicidal again tonight, sorry",
    "I feel suicidal since the consultant said the fracture won't heal.",
    "Had another fall today and lay on the floor for two hours. I wished I'd just died there.",
    "My carer left at six. I've made up my mind that tonight is the night.",
    "Went to the pain clinic and got nowhere. I've decided I'm going to kill myself.",
    "I've updated my will and written my funeral wishes because I don't plan to be around much longer.",
    "Please look after my cat if anything happens to me this weekend, I've made my decision.",
    "I’m sorry for everything, this is the last time I'll post here.",
    "This will be my last post. Thank you all and goodbye.",
    "I'm ready to go now, I've had enough of this life.",
    "I'd rather be dead than spend another year in this brace.",
    "Better off dead than like this, bent over and useless.",
    "life isnt worth living anymore with this spine",
    "I don’t want to live anymore.",
    "I dont want to live like this any more, no more ops, no more anything.",
    "I've stopped taking my heart tablets on purpose so nature can take its course.",
    "I've stopped eating because I want to just fade away.",
    "I hurt myself on purpose last night and I'm scared I'll do worse.",
    "When my son visits I feel I'm ruining his life, he'd be happier if I was dead.",
    "I keep thinking I should just disappear forever so I stop being a nuisance.",
    "I've said my goodbyes to the family, they didn't realise what I meant.",
    "I have saved enough morphine patches to finish things.",
    "My back surgery failed. I can't see a future and I've been thinking about how to end my life.",
    "Another night awake with the vertebrae grinding.\nHonestly I'm thinking about taking my own life.",
    "The district nurse was kind today.\nBut I've decided this is the end for me and I wanted someone to know.",
    "Don’t worry about replying, I won't be needing advice after tonight.",
    "I'm thinking of overdosing on my painkillers to make it all stop.",
    "i want to kill myself, i just cant cope with the pain and being alone",
    "Life without being able to walk properly is no life. I'd like to go to sleep forever.",
]

SET_8_NOT_A_SIGN = [
    "This back pain is killing me today.",
    "My hip is killing me after the bus journey.",
    "I could have died of embarrassment when I fell in the supermarket.",
    "I'm dying to try the new tai chi class at the leisure centre.",
    "I'd kill for a good night's sleep.",
    "I take all my tablets with breakfast so I don't forget any.",
    "i take all my tablets at once in the morning, is that ok with alendronate?",
    "My GP changed my dose of vitamin D to 800 units a day.",
    "I've got all my pills lined up in a weekly pill box now, makes life easier.",
    "My daughter sorts my pill organiser every Sunday.",
    "We updated our wills last month and set up lasting power of attorney, just to be organised.",
    "My husband and I have prepaid funeral plans, which is one less worry for the kids.",
    "Our solicitor says everyone over sixty should have power of attorney in place.",
    "My neighbour kept my cat while I was in hospital for the hip replacement.",
    "We had to rehome our dog during my stay on the orthopaedic ward, he's with my sister now.",
    "My mum died of a hip fracture complication in 2019, which is why I joined this group.",
    "My dad passed away last year and I still miss him.",
    "I'm worried about a member who posted last night, could a moderator check on them?",
    "If someone here is struggling, please call Samaritans on 116 123, they're lovely.",
    "My friend said she felt hopeless after her fall, so I sat with her and we called her GP together.",
    "I'm done with physio for today, my legs are jelly.",
    "I'm done with this hospital's car park, it's a nightmare.",
    "I can't go on holiday this year because of the spinal fusion.",
    "I can't go on the long walk but I'll join you at the cafe.",
    "I'm saying goodbye to this group because I'm moving to the Leeds group near my new flat.",
    "Goodbye all, I'm moving to the osteopenia forum since my scan improved.",
    "This will be my last post in the exercise thread, I'll carry on in the nutrition one.",
    "I'm sick to death of waiting for the DEXA appointment.",
    "The wait for the MRI is a nightmare.",
    "I'm so tired after the infusion, I slept all afternoon.",
    "I'm exhausted but the new mattress is helping.",
    "Honestly I'm fed up with this brace, it digs into my ribs.",
    "I hate how slow recovery is, but I'm getting there.",
    "The zoledronic acid infusion knocked me out for two days.",
    "Has anyone tried denosumab injections? How did you find them?",
    "My kyphosis is getting worse and I'm worried about my posture.",
    "Any tips for getting out of bed with a compression fracture?",
    "I fell on the ice and broke my wrist, so typing is slow.",
    "My carer is wonderful, she helps me shower three times a week.",
    "The physio gave me new exercises for my core.",
    "I'm off to the pain clinic tomorrow, fingers crossed.",
    "I hope the new painkillers work better than the last lot.",
    "I'm hopeful about the teriparatide, my bone density went up.",
    "I feel a bit down today but I'll have a cuppa and watch the snooker.",
    "Heading to bed early, goodnight everyone, see you tomorrow.",
    "Night all, sleep well and no falls!",
    "I'd rather die than miss my granddaughter's wedding, so I'm doing all the physio.",
    "That physio session nearly killed me, haha.",
    "The stairs at the station will be the death of me.",
    "I nearly died laughing at the hospital gown that didn't close.",
    "I killed my houseplants while I was in rehab, poor things.",
    "My back feels like it's on fire after gardening.",
    "I'm at the end of my tether with the NHS waiting list.",
    "We're planning a coach trip for the group in May, who's in?",
    "I've given away my old walking frame to someone who needs it.",
    "I cleared out my wardrobe and gave my clothes to the charity shop.",
    "I wrote letters to my grandchildren about our family history.",
    "My friend overdosed on calcium by accident once, so I check labels now.",
    "My nurse warned me not to take too many paracetamol with the co-codamol.",
    "How many ibuprofen can you safely take with naproxen?",
    "I read an article about suicide prevention for carers; really helpful, link below.",
    "Our group raised £300 for the mental health charity this year.",
    "The moderators here do a great job keeping the forum friendly.",
    "I burned my hand on the oven while cooking, silly me.",
    "I cut my finger chopping onions, nothing serious.",
    "I'm not going to be here next week, I'm at my son's in Cornwall.",
    "I won't be around for the Tuesday chat, I've got a hospital appointment.",
    "Everyone would be better off with a handrail in the bathroom, honestly.",
    "My husband says I'm no burden, and he's right, we're a team.",
    "I feel trapped in the house when it snows, so I do chair yoga online.",
    "I'm finally sleeping through the night since the new pillow.",
    "Sorry for the long post, just needed to vent about the GP receptionist.",
    "Thank you all for the advice about hip protectors, I've ordered a pair.",
    "I want to end the day with a warm bath and a good book.",
    "I'm ending my membership at the gym and joining a hydrotherapy class instead.",
    "There's no point arguing with the pharmacy, I'll just go in person.",
]


def seed(apps, schema_editor):
    CrisisExample = apps.get_model("forums", "CrisisExample")
    CrisisPhrase = apps.get_model("forums", "CrisisPhrase")
    for phrase, max_gap in IGNORE:
        CrisisPhrase.objects.get_or_create(
            phrase=phrase, defaults={"kind": "ignore", "max_gap": max_gap, "note": "Built in"}
        )
    CrisisExample.objects.bulk_create(
        [CrisisExample(text=text, kind="at_risk", note=SET_8_NOTE) for text in SET_8_AT_RISK]
        + [
            CrisisExample(text=text, kind="not_a_sign", note=SET_8_NOTE)
            for text in SET_8_NOT_A_SIGN
        ],
        ignore_conflicts=True,
    )


def unseed(apps, schema_editor):
    apps.get_model("forums", "CrisisExample").objects.filter(note=SET_8_NOTE).delete()
    apps.get_model("forums", "CrisisPhrase").objects.filter(
        phrase__in=[phrase for phrase, _ in IGNORE], note="Built in"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("forums", "0015_crisis_examples_round_3")]

    operations = [migrations.RunPython(seed, unseed)]
