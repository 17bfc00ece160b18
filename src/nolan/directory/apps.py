from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "nolan.directory"
    label = "directory"
