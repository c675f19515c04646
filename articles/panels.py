from wagtail.admin.panels import Panel

from .readability import LONG_SENTENCE_WORDS, check_article


class PlainLanguagePanel(Panel):
    """The plain-language check of the article as last saved, in the page editor."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "articles/admin/plain_language_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["check"] = check_article(self.instance)
            context["long_sentence_words"] = LONG_SENTENCE_WORDS
            return context
