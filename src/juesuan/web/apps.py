from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "juesuan.web"
    label = "web"
    verbose_name = "决算公开平台"
