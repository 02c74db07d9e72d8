"""Django settings for Assurance (``DJANGO_SETTINGS_MODULE=assurance.web.settings``).

Everything comes from ``ASSURANCE_*`` environment variables (assurance.web.environment): the
app database is a SQLite file in the data folder unless ``ASSURANCE_APP_DATABASE`` names a
PostgreSQL server. Times are stored in UTC and shown in Europe/London.
"""

from __future__ import annotations

from pathlib import Path

from assurance.web.assets import find_node_modules
from assurance.web.environment import WebSettings, database_settings, secret_key

_env = WebSettings()
_env.data_dir.mkdir(parents=True, exist_ok=True)
WEB_DIR = Path(__file__).resolve().parent

DATA_DIR = _env.data_dir.resolve()
#: Pre-built monthly packs: <data dir>/packs/<force>/<YYYY-MM>/pack.html (and .pdf, .xlsx).
PACKS_DIR = DATA_DIR / "packs"
#: Where ``npm ci`` installed GOV.UK Frontend (assurance.web.assets); None when it did not.
NODE_MODULES = find_node_modules(_env.node_modules)
TRUSTED_PROXY = _env.trusted_proxy
SECRET_KEY = secret_key(_env)
DEBUG = _env.debug
ALLOWED_HOSTS = [host.strip() for host in _env.allowed_hosts.split(",") if host.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "assurance.web.meetings",
    "assurance.web.accesslog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files, before sessions and sign-in
    "assurance.web.security.SecurityHeadersMiddleware",  # CSP, Permissions-Policy, no-store
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",  # every page, unless exempted
    "assurance.web.accesslog.middleware.AccessLogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "assurance.web.urls"
WSGI_APPLICATION = "assurance.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "assurance.web.views.common.navigation",
            ],
        },
    },
]

DATABASES = {"default": database_settings(_env)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True  # stored in UTC (SQLite drops offsets), shown in Europe/London

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"  # `collectstatic` fills it; WhiteNoise serves it
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [WEB_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "assurance.web.assets.NodeModulesFinder",  # GOV.UK Frontend from node_modules
]
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "sign-in"

# Security: cookies are never readable by scripts; over HTTPS they are secure-only too.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = _env.https
CSRF_COOKIE_SECURE = _env.https
SECURE_SSL_REDIRECT = _env.https
SECURE_HSTS_SECONDS = 31_536_000 if _env.https else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env.https

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {"django": {"handlers": ["stderr"], "level": "WARNING", "propagate": False}},
}
