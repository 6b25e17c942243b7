"""The residents pages' URLs: the app's namespace, each topic's module under its prefix."""

app_name = "residents"
urlpatterns: list = []
