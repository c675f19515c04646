"""The standing pages a newcomer's portal needs, with text in our own words. Nothing is made
twice, and a page an editor has changed is left alone."""

from articles.models import HomePage

from .models import StandingPage

PAGES = [
    (
        "about",
        "About us",
        "about",
        "Bone & Spine Health is an information and peer-support service for people living "
        "with osteoporosis, low bone density and back pain, and for those who care for them.",
        "<h2>What we do</h2><p>We publish articles that a medical reviewer checks before they "
        "appear and again at least every two years. Our support groups are places to share "
        "what everyday life is like and what has helped.</p><h2>What we are not</h2><p>We "
        "are not a medical service and cannot give personal medical advice. For that, please "
        "talk to your GP, pharmacist or specialist team.</p>",
    ),
    (
        "guidelines",
        "Community guidelines",
        "guidelines",
        "Our support groups work because members are kind, honest and careful with each "
        "other. By joining you agree to these guidelines.",
        "<h2>Be kind</h2><p>Everyone here is dealing with something. Disagree with ideas, never "
        "with people. No insults, mockery or pile-ons.</p><h2>Share experience, not "
        "prescriptions</h2><p>Say what worked for you, and never tell someone to start, stop or "
        "change a medicine. Leave out links to miracle cures and anything you sell.</p>"
        "<h2>Keep each other's privacy</h2><p>Use your display name, and do not share anyone's "
        "real name, address, photos or health details without their permission.</p><h2>If "
        "someone is in crisis</h2><p>If a member says they may harm themselves, reply with "
        "warmth, encourage them to call Samaritans on 116 123 or 999 in an emergency, and "
        "report the post with “I'm worried about this person” so a moderator looks at once. "
        "Please do not discuss methods.</p><h2>What moderators do</h2><p>Moderators may hide "
        "or remove posts that break these guidelines, and may pause an account. They will tell "
        "you why, and you can reply to their email to ask a different moderator to look "
        "again.</p>",
    ),
    (
        "privacy",
        "Privacy notice",
        "privacy",
        "What we keep about you, why, for how long, and how to see or delete it.",
        "<h2>What we keep</h2><p>Your email address, display name, anything you choose to add "
        "to your profile, and what you post. We keep the network address of a visitor only as "
        "long as rate limiting needs it, which is minutes.</p><h2>Why</h2><p>To run your "
        "account, send the emails you ask for, keep the community safe, and answer your "
        "messages.</p><h2>Your choices</h2><p>You can download everything we hold about you, "
        "change your email settings, or delete your account with or without your posts from "
        "your account page.</p><h2>Contact</h2><p>Questions about your information can reach "
        "us through our contact form.</p>",
    ),
    (
        "accessibility",
        "Accessibility statement",
        "accessibility",
        "We want everyone to be able to use this site, including people using screen readers, "
        "keyboards, magnification or voice control.",
        "<h2>What we do</h2><p>We test every page type with automated accessibility checks and "
        "by keyboard, and check that pages reflow at 320 pixels wide without sideways "
        "scrolling. Text can be enlarged to 200% without loss.</p><h2>What we know is not "
        "yet right</h2><p>Some older images may lack a useful description. Please tell us "
        "about any barrier you meet.</p><h2>Tell us</h2><p>Use our contact form and say which "
        "page and what got in the way. We aim to reply within three working days.</p>",
    ),
    (
        "contact",
        "Contact us",
        "contact",
        "Write to our team about the site, your account, your information or a moderation "
        "decision. We aim to reply within three working days.",
        "<p>We cannot give medical advice. If you are in danger now, call 999. Samaritans "
        "answer day or night on 116 123.</p>",
    ),
]


def load_trust_pages() -> int:
    """Returns how many pages were created."""
    home = HomePage.objects.first()
    if home is None:
        return 0
    created = 0
    for role, title, slug, intro, body in PAGES:
        if StandingPage.objects.filter(role=role).exists():
            continue
        page = home.add_child(
            instance=StandingPage(title=title, slug=slug, role=role, intro=intro, body=body)
        )
        page.save_revision().publish()
        created += 1
    return created
