from django.apps import AppConfig


class ScaleConfig(AppConfig):
    name = "equalocal.scale"
    label = "scale"
    verbose_name = "Scale data"
