from django.contrib import admin
from django.urls import include, path

from . import views

app_name = "web"

web_patterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password"),
    path("bureau/", views.dashboard, name="dashboard"),
    path("bureau/export.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("bureau/documents.zip", views.year_zip, name="year_zip"),
    path("bureau/audit-log/", views.audit_log, name="audit_log"),
    path("dy/<int:pk>/", views.department_year, name="department_year"),
    path("dy/<int:pk>/upload/", views.upload, name="upload"),
    path("dy/<int:pk>/texts/", views.texts, name="texts"),
    path("dy/<int:pk>/action/<str:action>/", views.transition, name="transition"),
    path("v/<int:pk>/", views.version, name="version"),
    path("v/<int:pk>/status/", views.version_status, name="version_status"),
    path("v/<int:pk>/file/", views.download_upload, name="download_upload"),
    path("v/<int:pk>/out/<str:name>", views.download_output, name="download_output"),
    path("v/<int:pk>/compare/", views.compare, name="compare"),
    path("v/<int:pk>/override/", views.override, name="override"),
    path("v/<int:pk>/page/<int:finding_id>.png", views.page_image, name="page_image"),
]

urlpatterns = [
    path("", include((web_patterns, "web"))),
    path("admin/", admin.site.urls),
    path("static/<path:path>", views.static_file),
]
