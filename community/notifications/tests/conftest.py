import pytest

from community.forums.tests.conftest import (  # noqa: F401 - fixtures shared with the forums' tests
    _forum_settings,
    author,
    group,
    other_member,
    site_moderator,
)
from community.forums.tests.factories import make_thread


@pytest.fixture
def thread(group, author):  # noqa: F811 - the forums' fixtures above
    return make_thread(group=group, author=author, title="Sleeping with a fracture")
