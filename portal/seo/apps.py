from django.apps import AppConfig


class SeoConfig(AppConfig):
    name = "portal.seo"
    label = "portal_seo"
