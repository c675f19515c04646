"""A small article library written for the relevance tests: each article is about one thing
and mentions a few others in passing, as real articles do."""

ARTICLES = [
    (
        "Pain after a vertebral fracture",
        "Why a broken bone in the spine hurts and how the pain settles.",
        "A vertebral fracture often causes sudden, sharp back pain after a small strain. The pain "
        "of a vertebral fracture usually eases over six to twelve weeks. Fracture pain can be "
        "helped with pain relief, gentle movement and heat. Calcium alone will not ease it.",
    ),
    (
        "Calcium and vitamin D for strong bones",
        "How much calcium and vitamin D you need each day, and where to find them.",
        "Calcium builds bone and vitamin D helps the body absorb calcium. Dairy foods, tinned fish "
        "with bones and fortified plant milks provide calcium. In winter many people need a "
        "vitamin D supplement. Exercise also matters for bones.",
    ),
    (
        "Kyphoplasty and vertebroplasty explained",
        "Two procedures that can stabilise a collapsed vertebra.",
        "Kyphoplasty uses a small balloon to restore some height to a collapsed vertebra before "
        "bone cement is injected. Vertebroplasty injects cement without the balloon. Kyphoplasty "
        "is considered when fracture pain stays severe despite other treatment.",
    ),
    (
        "Tai chi for balance and confidence",
        "Slow, flowing movement that helps prevent falls.",
        "Tai chi combines slow movements, weight shifting and breathing. Regular tai chi improves "
        "balance and leg strength, which lowers the risk of falls. Classes for beginners are "
        "often held in community halls.",
    ),
    (
        "What happens at a DEXA scan",
        "A simple, painless scan that measures bone density.",
        "A DEXA scan uses very low dose X-rays to measure bone mineral density at the hip and "
        "spine. You lie on a padded table for about ten minutes. The DEXA scan report gives a "
        "T-score and a Z-score.",
    ),
    (
        "Understanding your T-score",
        "What the numbers on a bone density report mean.",
        "The T-score compares your bone density with that of a healthy young adult. A T-score of "
        "minus 2.5 or lower means osteoporosis; between minus 1 and minus 2.5 means low bone "
        "density, sometimes called osteopenia.",
    ),
    (
        "Bisphosphonates: how they work",
        "The most common medicines for osteoporosis.",
        "Bisphosphonates such as alendronate slow the cells that break bone down. Bisphosphonates "
        "are taken weekly or monthly as tablets, or once a year as a drip. Take the tablets on an "
        "empty stomach with plain water and stay upright afterwards.",
    ),
    (
        "Preventing falls at home",
        "Simple changes that make a home safer.",
        "Most falls happen at home. Remove loose rugs, light the stairs well and fit grab rails "
        "in the bathroom. Wear shoes with a good grip. A falls clinic can check your balance, "
        "eyesight and medicines.",
    ),
    (
        "Posture and kyphosis",
        "Why the upper back can curve forward, and what helps.",
        "Several small fractures in the spine can cause kyphosis, a forward curve of the upper "
        "back. Posture exercises that strengthen the back muscles help you stand taller and "
        "breathe more easily. A physiotherapist can tailor posture work to you.",
    ),
    (
        "Sleeping well with back pain",
        "Positions and habits for better sleep.",
        "Sleep is harder when your back hurts. A pillow between the knees when lying on your side "
        "or under the knees when lying on your back can ease strain. Keep regular sleep times and "
        "limit caffeine late in the day.",
    ),
    (
        "Protein and healthy bones",
        "Why protein matters as we age.",
        "Bones are built on a protein framework, and muscles that protect bones need protein too. "
        "Include protein at every meal: eggs, beans, fish, dairy or lentils. Older adults often "
        "need more protein than they eat.",
    ),
    (
        "Losing height: when to worry",
        "Height loss can be a sign of spinal fractures.",
        "Losing four centimetres or more in height may mean vertebral fractures have happened "
        "without you noticing. Height loss together with a curved back is a reason to ask your GP "
        "about a bone density check.",
    ),
    (
        "Denosumab injections",
        "A twice-yearly injection for osteoporosis.",
        "Denosumab is an injection given every six months that reduces bone breakdown. It must "
        "not be stopped suddenly without a plan, because bone loss can speed up. Denosumab is an "
        "option when bisphosphonates are not suitable.",
    ),
    (
        "Menopause, HRT and bone loss",
        "Why bone loss speeds up after the menopause.",
        "Falling oestrogen after the menopause speeds up bone loss. Hormone replacement therapy, "
        "or HRT, can protect bone density in younger postmenopausal women. Talk through the "
        "benefits and risks of HRT with your doctor.",
    ),
    (
        "Steroids and your bones",
        "Long-term steroid tablets can weaken bones.",
        "Taking steroid tablets such as prednisolone for three months or more can thin bones. "
        "If you need steroids long term, ask whether you should have bone protection treatment "
        "and a bone density scan.",
    ),
    (
        "Pacing: doing more by doing less at a time",
        "A way to manage daily activities with persistent pain.",
        "Pacing means breaking tasks into smaller parts with rests in between, so pain does not "
        "flare. Plan your day, alternate heavy and light jobs, and increase activity slowly. "
        "Pacing helps many people with long-term back pain.",
    ),
]

QUERIES = [
    ("vertebral fracture pain", "Pain after a vertebral fracture"),
    ("calcium vitamin d", "Calcium and vitamin D for strong bones"),
    ("kyphoplasty", "Kyphoplasty and vertebroplasty explained"),
    ("tai chi", "Tai chi for balance and confidence"),
    ("dexa scan", "What happens at a DEXA scan"),
    ("t-score", "Understanding your T-score"),
    ("bisphosphonates", "Bisphosphonates: how they work"),
    ("falls at home", "Preventing falls at home"),
    ("posture kyphosis", "Posture and kyphosis"),
    ("sleep back pain", "Sleeping well with back pain"),
    ("protein", "Protein and healthy bones"),
    ("height loss", "Losing height: when to worry"),
    ("denosumab", "Denosumab injections"),
    ("hrt menopause", "Menopause, HRT and bone loss"),
    ("steroids", "Steroids and your bones"),
    ("pacing", "Pacing: doing more by doing less at a time"),
]
