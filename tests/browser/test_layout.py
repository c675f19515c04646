import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
# Distinct line boxes of an element's text: 1 when its words do not wrap.
TEXT_LINES = """element => {
  const range = document.createRange();
  range.selectNodeContents(element);
  return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size;
}"""


def test_header_search_button_stays_on_one_line_on_a_320px_phone(page, live_server):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server.url}/events/")

    button = page.locator(".site-search").get_by_role("button", name="Search")

    assert button.evaluate(TEXT_LINES) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
