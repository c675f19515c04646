class ArticleImportError(Exception):
    pass


UNKNOWN_PARENT = "no article index at {path!r}"
NO_ARTICLE_INDEX = "there is no article index page to import into; create one or pass --parent"
