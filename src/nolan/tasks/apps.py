from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "nolan.tasks"
    label = "tasks"
