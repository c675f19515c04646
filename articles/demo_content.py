"""Demo library for a newcomer's portal, written by us. The people are fictional."""

TOPICS = [
    {
        "name": "Spine and back pain",
        "slug": "spine-and-back-pain",
        "description": "How bone loss affects the spine, and what helps when your back hurts.",
    },
    {
        "name": "Fractures",
        "slug": "fractures",
        "description": "Recognising, treating and recovering from fragility fractures.",
    },
    {
        "name": "Diagnosis and scans",
        "slug": "diagnosis-and-scans",
        "description": "DEXA scans, T-scores, X-rays and fracture risk tools explained.",
    },
    {
        "name": "Treatment",
        "slug": "treatment",
        "description": "Medicines and procedures for osteoporosis and fracture pain.",
    },
    {
        "name": "Nutrition",
        "slug": "nutrition",
        "description": "Calcium, vitamin D, protein and everyday eating for strong bones.",
    },
    {
        "name": "Exercise and movement",
        "slug": "exercise-and-movement",
        "description": "Safe ways to stay strong, steady and active.",
    },
    {
        "name": "Prevention",
        "slug": "prevention",
        "description": "Protecting your bones and preventing falls at every age.",
    },
    {
        "name": "Living well",
        "slug": "living-well",
        "description": "Day-to-day life with osteoporosis: pacing, sleep, mood and support.",
    },
]

PEOPLE = [
    {
        "key": "amara-okafor",
        "name": "Dr Amara Okafor",
        "credentials": "MBBS, FRCP",
        "role": "Consultant rheumatologist",
        "bio": "Amara runs a metabolic bone clinic and reviews our treatment articles.",
    },
    {
        "key": "tom-haldane",
        "name": "Tom Haldane",
        "credentials": "MCSP",
        "role": "Specialist physiotherapist",
        "bio": "Tom leads exercise classes for people living with osteoporosis.",
    },
    {
        "key": "priya-raman",
        "name": "Dr Priya Raman",
        "credentials": "MBChB, MRCGP",
        "role": "General practitioner",
        "bio": "Priya is a GP with a special interest in bone health and falls prevention.",
    },
    {
        "key": "ellen-morris",
        "name": "Ellen Morris",
        "credentials": "RD",
        "role": "Registered dietitian",
        "bio": "Ellen writes about food, supplements and bone health.",
    },
    {
        "key": "sam-carter",
        "name": "Sam Carter",
        "credentials": "",
        "role": "Health writer",
        "bio": "Sam turns medical detail into plain English with our reviewers.",
    },
]


def _p(*sentences: str) -> tuple[str, str]:
    return ("paragraph", "<p>" + " ".join(sentences) + "</p>")


ARTICLES = [
    {
        "slug": "why-bone-loss-causes-back-pain",
        "title": "Why declining bone density can cause back pain",
        "summary": "How thinning bones in the spine lead to pain, and why early checks matter.",
        "topics": ["spine-and-back-pain", "fractures"],
        "tags": ["back-pain", "vertebral-fracture", "bone-density"],
        "author": "sam-carter",
        "reviewer": "amara-okafor",
        "reviewed_days_ago": 120,
        "hero_colour": "#2f6f8f",
        "hero_alt": "Abstract shapes in blue and cream suggesting the curve of a spine",
        "body": [
            ("heading", "What happens inside the bone"),
            _p(
                "Bone is living tissue that is renewed all through life. After about the age of "
                "forty the balance tips, and more bone is removed than is laid down. When bone "
                "density falls far enough, doctors call it osteoporosis.",
                "The inner honeycomb of each vertebra becomes thinner, so the bone can give way "
                "under loads it once carried easily.",
            ),
            ("heading", "How a weakened spine hurts"),
            _p(
                "The most common source of pain is a vertebral fracture, where a vertebra partly "
                "collapses. It can happen after lifting a shopping bag, a cough or a small "
                "stumble. Many people notice a sudden, sharp pain in the middle or lower back.",
                "Over time, several small fractures can change the shape of the spine, which "
                "strains muscles and ligaments and causes a deep, tiring ache.",
            ),
            (
                "callout",
                {
                    "kind": "see-a-doctor",
                    "title": "See your GP if",
                    "text": "<p>You have sudden back pain after a minor strain, you have "
                    "lost height, or your upper back is curving forward.</p>",
                },
            ),
            ("heading", "Why early checks matter"),
            _p(
                "Bone loss causes no symptoms until a bone breaks. A bone density scan and a "
                "fracture risk assessment can find it early, when treatment can lower the chance "
                "of the first fracture."
            ),
            (
                "quote",
                {
                    "text": "I thought it was a pulled muscle. The scan showed two small "
                    "fractures, and treatment has made a real difference.",
                    "attribution": "A member of our support group, 68",
                },
            ),
        ],
        "references": [
            {
                "title": "Osteoporosis",
                "publisher": "NHS",
                "year": 2024,
                "url": "https://www.nhs.uk/conditions/osteoporosis/",
            },
        ],
    },
    {
        "slug": "the-spine-and-your-vertebrae",
        "title": "Your spine: how vertebrae carry you",
        "summary": "A tour of the spine, and why thinning vertebrae change posture and height.",
        "topics": ["spine-and-back-pain"],
        "tags": ["posture", "kyphosis", "height-loss"],
        "author": "sam-carter",
        "reviewer": "tom-haldane",
        "reviewed_days_ago": 300,
        "hero_colour": "#5b7f6e",
        "hero_alt": "Soft green and cream circles stacked like vertebrae",
        "body": [
            ("heading", "Thirty-three bones working together"),
            _p(
                "The spine is a column of vertebrae separated by discs. The front of each "
                "vertebra, the vertebral body, carries most of your weight. Muscles and "
                "ligaments hold the column upright and let it bend and twist."
            ),
            ("heading", "Posture, kyphosis and height loss"),
            _p(
                "When several vertebral bodies lose height at the front, the upper back curves "
                "forward. This curve is called kyphosis. It can make breathing and digestion "
                "less comfortable and puts extra load on the back muscles.",
                "Losing four centimetres or more in height is a common sign that fractures have "
                "happened, even without obvious pain.",
            ),
            (
                "faq",
                {
                    "question": "Can posture exercises help?",
                    "answer": "<p>Yes. Exercises that strengthen the muscles along the spine "
                    "help many people stand taller and feel less tired. A "
                    "physiotherapist can tailor them to you.</p>",
                },
            ),
            ("heading", "Looking after your spine"),
            _p(
                "Keep loads close to your body, bend at the hips and knees rather than the "
                "waist, and avoid sudden twisting while carrying something heavy."
            ),
        ],
        "references": [
            {
                "title": "Exercise and osteoporosis",
                "publisher": "Royal Osteoporosis Society",
                "year": 2023,
                "url": "https://theros.org.uk/information-and-support/",
            },
        ],
    },
    {
        "slug": "recognising-a-spinal-fracture",
        "title": "Recognising a vertebral fracture",
        "summary": "The signs of a spinal fracture, how it is confirmed, and what to do next.",
        "topics": ["fractures", "spine-and-back-pain"],
        "tags": ["vertebral-fracture", "back-pain", "x-ray"],
        "author": "priya-raman",
        "reviewer": "amara-okafor",
        "reviewed_days_ago": 715,
        "hero_colour": "#8a5a44",
        "hero_alt": "Warm brown abstract shapes with a single break in a line",
        "body": [
            ("heading", "Signs to look out for"),
            _p(
                "Vertebral fracture pain often starts suddenly, after bending, lifting or even "
                "sneezing. It is usually felt in the middle or lower back and is worse when "
                "standing or walking. Some fractures cause little pain and are found by chance."
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Red flags",
                    "text": "<p>Numbness or weakness in the legs, or problems controlling "
                    "your bladder or bowel, need urgent medical help: call 999 or "
                    "go to A&amp;E.</p>",
                },
            ),
            ("heading", "How a fracture is confirmed"),
            _p(
                "An X-ray or a special view on a DEXA scan, called a vertebral fracture "
                "assessment, shows the shape of each vertebra. An MRI scan can tell whether a "
                "fracture is new or old."
            ),
            ("heading", "The first weeks"),
            _p(
                "Most fracture pain eases over six to twelve weeks. Regular pain relief, short "
                "walks, heat and rest in comfortable positions all help. Ask about treatment to "
                "strengthen your bones so that further fractures are less likely."
            ),
        ],
        "references": [
            {
                "title": "Vertebral fractures",
                "publisher": "Royal Osteoporosis Society",
                "year": 2023,
                "url": "https://theros.org.uk/information-and-support/",
            },
        ],
    },
    {
        "slug": "preventing-bone-loss",
        "title": "Preventing bone loss at any age",
        "summary": "Everyday habits that protect your bones, from youth to later life.",
        "topics": ["prevention", "nutrition"],
        "tags": ["bone-density", "smoking", "alcohol"],
        "author": "priya-raman",
        "reviewer": "amara-okafor",
        "reviewed_days_ago": 60,
        "hero_colour": "#3d6b8c",
        "hero_alt": "Layered blue shapes like a protective shell",
        "body": [
            ("heading", "Know your risk"),
            _p(
                "Risk rises with age, after the menopause, with a family history of hip "
                "fracture, with long courses of steroid tablets, and with low body weight. "
                "Smoking and drinking more than the recommended limits also thin the bones."
            ),
            ("heading", "Habits that help"),
            _p(
                "Stay active every day, eat a varied diet with enough calcium and protein, get "
                "safe sunlight in summer and consider a vitamin D supplement in winter."
            ),
            (
                "table",
                {
                    "data": [
                        ["Habit", "Why it helps"],
                        ["Daily movement", "Loading bones keeps them strong"],
                        ["Not smoking", "Smoking speeds up bone loss"],
                        ["Moderate alcohol", "Heavy drinking weakens bone and causes falls"],
                    ],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Habits that protect bone",
                },
            ),
            ("heading", "When to ask for a check"),
            _p(
                "If you have risk factors or have broken a bone in a minor fall after fifty, "
                "ask your GP about a fracture risk assessment."
            ),
        ],
        "references": [
            {
                "title": "Osteoporosis: assessing the risk of fragility fracture",
                "publisher": "NICE",
                "year": 2017,
                "url": "https://www.nice.org.uk/guidance/cg146",
            },
        ],
    },
    {
        "slug": "treatments-for-osteoporosis",
        "title": "Treatments for osteoporosis and fracture pain",
        "summary": "Bisphosphonates, denosumab, bone-building medicines and procedures explained.",
        "topics": ["treatment"],
        "tags": ["bisphosphonates", "denosumab", "kyphoplasty"],
        "author": "amara-okafor",
        "reviewer": "priya-raman",
        "reviewed_days_ago": 200,
        "hero_colour": "#6b4f8c",
        "hero_alt": "Purple abstract shapes resembling capsules",
        "body": [
            ("heading", "Bisphosphonates"),
            _p(
                "Bisphosphonates such as alendronate and risedronate slow the cells that break "
                "bone down. They are taken weekly as tablets, or yearly as a drip. Tablets are "
                "taken on an empty stomach with plain water, staying upright for thirty minutes."
            ),
            ("heading", "Denosumab and other options"),
            _p(
                "Denosumab is an injection every six months. It must not be stopped without a "
                "plan for what follows. For very high risk, bone-building medicines such as "
                "teriparatide may be offered by a specialist."
            ),
            ("heading", "Easing fracture pain"),
            _p(
                "Pain relief, heat, gentle movement and physiotherapy help most people. When pain "
                "stays severe, vertebroplasty or kyphoplasty, which inject bone cement into the "
                "fractured vertebra, are occasionally considered."
            ),
            (
                "faq",
                {
                    "question": "How long will I take treatment?",
                    "answer": "<p>Often three to five years before a review. Your doctor will "
                    "look at your risk again and decide with you.</p>",
                },
            ),
        ],
        "references": [
            {
                "title": "Bisphosphonates for treating osteoporosis",
                "publisher": "NICE",
                "year": 2017,
                "url": "https://www.nice.org.uk/guidance/ta464",
            },
        ],
    },
    {
        "slug": "food-for-strong-bones",
        "title": "Calcium, vitamin D and protein: food for strong bones",
        "summary": "How much calcium and vitamin D you need, and easy ways to get them.",
        "topics": ["nutrition", "prevention"],
        "tags": ["calcium", "vitamin-d", "protein"],
        "author": "ellen-morris",
        "reviewer": "priya-raman",
        "reviewed_days_ago": 90,
        "hero_colour": "#8c7a3d",
        "hero_alt": "Golden and cream shapes like bowls of food",
        "body": [
            ("heading", "Calcium"),
            _p(
                "Adults need about 700 mg of calcium a day, and some people with osteoporosis "
                "are advised to have more. Milk, yoghurt, cheese, fortified plant drinks, tinned "
                "fish with soft bones and tofu set with calcium are good sources."
            ),
            (
                "table",
                {
                    "data": [
                        ["Food", "Calcium (approx.)"],
                        ["Glass of milk (200 ml)", "240 mg"],
                        ["Pot of yoghurt (125 g)", "200 mg"],
                        ["Matchbox of cheddar (30 g)", "220 mg"],
                    ],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Calcium in everyday foods",
                },
            ),
            ("heading", "Vitamin D"),
            _p(
                "Vitamin D helps the body absorb calcium. From October to March a daily "
                "supplement of 10 micrograms is advised for most adults in the UK."
            ),
            ("heading", "Protein"),
            _p(
                "Protein builds the framework of bone and the muscles that protect it. Include "
                "eggs, beans, lentils, fish, meat or dairy at each meal."
            ),
        ],
        "references": [
            {
                "title": "Vitamin D",
                "publisher": "NHS",
                "year": 2024,
                "url": "https://www.nhs.uk/conditions/vitamins-and-minerals/vitamin-d/",
            },
        ],
    },
    {
        "slug": "exercise-with-osteoporosis",
        "title": "Exercise with osteoporosis: strong, steady and safe",
        "summary": "Weight-bearing activity, strength work, balance training and tai chi.",
        "topics": ["exercise-and-movement", "prevention"],
        "tags": ["tai-chi", "balance", "strength"],
        "author": "tom-haldane",
        "reviewer": "amara-okafor",
        "reviewed_days_ago": 150,
        "hero_colour": "#3d8c6b",
        "hero_alt": "Green abstract shapes in motion",
        "body": [
            ("heading", "Three kinds of exercise"),
            _p(
                "Weight-bearing activity such as brisk walking loads the bones. Strength "
                "exercises with bands or weights build muscle and bone. Balance training, "
                "including tai chi, lowers the risk of falls."
            ),
            ("heading", "Starting safely"),
            _p(
                "Build up slowly and choose activities you enjoy. If you have had spinal "
                "fractures, avoid sit-ups and deep forward bends with weights."
            ),
            (
                "callout",
                {
                    "kind": "info",
                    "title": "Our classes",
                    "text": "<p>See our events page for gentle exercise classes led by "
                    "physiotherapists, in person and online.</p>",
                },
            ),
            ("heading", "Tai chi"),
            _p(
                "Tai chi uses slow, flowing movements and weight shifts. Regular practice "
                "improves balance and confidence, and classes suit most abilities."
            ),
            (
                "quote",
                {
                    "text": "Tai chi gave me my confidence back after my fracture.",
                    "attribution": "Class member, 74",
                },
            ),
        ],
        "references": [
            {
                "title": "Strong, steady and straight",
                "publisher": "Royal Osteoporosis Society",
                "year": 2019,
                "url": "https://theros.org.uk/information-and-support/",
            },
        ],
    },
    {
        "slug": "stress-sleep-and-bones",
        "title": "Stress, sleep and your bones",
        "summary": "How long-term stress, cortisol and poor sleep affect bone and pain.",
        "topics": ["living-well"],
        "tags": ["sleep", "stress", "cortisol"],
        "author": "sam-carter",
        "reviewer": "priya-raman",
        "reviewed_days_ago": 800,
        "hero_colour": "#4f5e8c",
        "hero_alt": "Calm blue shapes like a night sky",
        "body": [
            ("heading", "Stress and cortisol"),
            _p(
                "Long-term stress raises cortisol, a hormone that in large amounts slows bone "
                "building. Stress also makes pain feel worse and sleep harder to come by."
            ),
            ("heading", "Sleeping with back pain"),
            _p(
                "A pillow between the knees when lying on your side, or under the knees on your "
                "back, can ease strain. Keep regular sleep times and a cool, dark bedroom."
            ),
            (
                "faq",
                {
                    "question": "Is it normal to feel low after a fracture?",
                    "answer": "<p>Yes, many people do. Talk to your GP if low mood lasts more "
                    "than two weeks; help is available.</p>",
                },
            ),
        ],
        "references": [
            {
                "title": "Insomnia",
                "publisher": "NHS",
                "year": 2024,
                "url": "https://www.nhs.uk/conditions/insomnia/",
            },
        ],
    },
    {
        "slug": "dexa-scans-and-diagnosis",
        "title": "DEXA scans, T-scores and diagnosis",
        "summary": "What happens at a bone density scan and how to read your results.",
        "topics": ["diagnosis-and-scans"],
        "tags": ["dexa", "t-score", "frax"],
        "author": "priya-raman",
        "reviewer": "amara-okafor",
        "reviewed_days_ago": 30,
        "hero_colour": "#2f7f86",
        "hero_alt": "Teal bands like the lines of a scanner",
        "body": [
            ("heading", "The DEXA scan"),
            _p(
                "A DEXA scan measures bone density at the hip and spine using very low dose "
                "X-rays. You lie still on a padded table for about ten minutes, fully clothed."
            ),
            ("heading", "Reading your T-score"),
            _p(
                "The T-score compares your bone density with a healthy young adult's. Minus 1 or "
                "above is normal; between minus 1 and minus 2.5 is low bone density; minus 2.5 "
                "or below is osteoporosis."
            ),
            (
                "table",
                {
                    "data": [
                        ["T-score", "Meaning"],
                        ["-1 or higher", "Normal"],
                        ["-1 to -2.5", "Low bone density"],
                        ["-2.5 or lower", "Osteoporosis"],
                    ],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "What T-scores mean",
                },
            ),
            ("heading", "Fracture risk tools"),
            _p(
                "Tools such as FRAX combine your age, risk factors and scan results to estimate "
                "your chance of a fracture over ten years."
            ),
        ],
        "references": [
            {
                "title": "FRAX fracture risk assessment tool",
                "publisher": "University of Sheffield",
                "year": 2024,
                "url": "https://frax.shef.ac.uk/FRAX/",
            },
        ],
    },
    {
        "slug": "living-with-osteoporosis",
        "title": "Living well with osteoporosis and back pain",
        "summary": "Pacing, home safety, preventing falls and finding support.",
        "topics": ["living-well", "prevention"],
        "tags": ["pacing", "falls", "support"],
        "author": "tom-haldane",
        "reviewer": "priya-raman",
        "reviewed_days_ago": 240,
        "hero_colour": "#8c4f6b",
        "hero_alt": "Warm rose shapes gathered together",
        "body": [
            ("heading", "Pacing your day"),
            _p(
                "Pacing means breaking jobs into smaller parts with rests in between, so pain "
                "does not flare. Alternate heavy and light tasks and increase activity slowly."
            ),
            ("heading", "A safer home"),
            _p(
                "Most falls happen at home. Remove loose rugs, light the stairs, fit grab rails "
                "and wear shoes with a good grip."
            ),
            (
                "callout",
                {
                    "kind": "info",
                    "title": "Falls clinics",
                    "text": "<p>Ask your GP about a falls assessment if you have fallen "
                    "or feel unsteady.</p>",
                },
            ),
            ("heading", "You are not alone"),
            _p(
                "Talking with others who understand helps many people. Our support groups "
                "meet online and in person."
            ),
        ],
        "references": [
            {
                "title": "Falls",
                "publisher": "NHS",
                "year": 2024,
                "url": "https://www.nhs.uk/conditions/falls/",
            },
        ],
    },
]

# What the loader adds to an imported seed article before it goes to medical review.
SEED_ARTICLE = {
    "author": "sam-carter",
    "reviewer": "amara-okafor",
    "topics": ["spine-and-back-pain", "treatment", "prevention"],
    "references": [
        {
            "title": "Osteoporosis",
            "publisher": "NHS",
            "year": 2025,
            "url": "https://www.nhs.uk/conditions/osteoporosis/",
        },
        {
            "title": "Osteoporosis: assessing the risk of fragility fracture (CG146)",
            "publisher": "National Institute for Health and Care Excellence",
            "year": 2017,
            "url": "https://www.nice.org.uk/guidance/cg146",
        },
        {
            "title": "Spinal fractures",
            "publisher": "Royal Osteoporosis Society",
            "year": 2024,
            "url": "https://theros.org.uk/information-and-support/osteoporosis/spinal-fractures/",
        },
    ],
}
