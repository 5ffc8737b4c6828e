from django.urls import URLPattern

app_name = "oblast"

urlpatterns: list[URLPattern] = []
