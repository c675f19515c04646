from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

BODY_IMAGE_RENDITION = "width-960"


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        form_classname = "title"
        max_length = 120


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "ol", "ul", "h3", "superscript"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"


class PrefetchingImageChooserBlock(ImageChooserBlock):
    """Loads every image of a body, with the rendition the body uses, in one pair of queries."""

    def bulk_to_python(self, values):
        images = self.model_class.objects.prefetch_renditions(BODY_IMAGE_RENDITION).in_bulk(values)
        return [images.get(value) for value in values]


class CaptionedImageBlock(blocks.StructBlock):
    image = PrefetchingImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250, help_text="Describe the image for readers who cannot see it."
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/captioned_image_block.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[
            ("info", "Good to know"),
            ("warning", "Warning"),
            ("see-a-doctor", "When to see a doctor"),
        ],
        default="info",
    )
    title = blocks.CharBlock(required=False, max_length=120)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=250)
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        template = "blocks/faq_item_block.html"


class ArticleTableBlock(TableBlock):
    class Meta:
        icon = "table"
        template = "blocks/table_block.html"


class ArticleStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    callout = CalloutBlock()
    quote = QuoteBlock()
    faq = FAQItemBlock()
    table = ArticleTableBlock()
