from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "portal.pagecache"
    label = "pagecache"
    verbose_name = "Anonymous page cache"

    def ready(self):
        from . import signals

        signals.connect()
