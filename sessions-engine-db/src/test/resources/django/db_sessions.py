"""Django's own database session backend on PostgreSQL or MariaDB, driven by the RealDjango*Test classes.

Usage: db_sessions.py SECRET COMMAND [ARG...]
  migrate           -> creates django_session with Django's migrations (manage.py migrate sessions)
  create JSON       -> saves a new session holding JSON, prints its key
  expired JSON      -> saves a new session that expired 10 seconds ago, prints its key
  read KEY          -> prints the session's data as JSON ({} when missing or expired)
  update KEY JSON   -> loads, updates with JSON, saves
  clear             -> SessionStore.clear_expired(), as `manage.py clearsessions` does
The database comes from the environment: DJANGO_DB_BACKEND (postgresql or mysql), DB_HOST, DB_PORT,
DB_NAME, DB_USER, and for PostgreSQL DB_SCHEMA (the search path).
"""
import json
import os
import sys

from django.conf import settings

backend = os.environ["DJANGO_DB_BACKEND"]
database = {
    "ENGINE": "django.db.backends." + backend,
    "HOST": os.environ["DB_HOST"],
    "PORT": os.environ["DB_PORT"],
    "NAME": os.environ["DB_NAME"],
    "USER": os.environ["DB_USER"],
    "PASSWORD": os.environ.get("DB_PASSWORD", ""),
}
if backend == "postgresql":
    database["OPTIONS"] = {"options": "-c search_path=" + os.environ["DB_SCHEMA"]}
settings.configure(
    SECRET_KEY=sys.argv[1],
    SESSION_ENGINE="django.contrib.sessions.backends.db",
    USE_TZ=True,
    INSTALLED_APPS=["django.contrib.sessions"],
    DATABASES={"default": database},
)
import django  # noqa: E402

django.setup()
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402

command = sys.argv[2]
if command == "migrate":
    call_command("migrate", "sessions", verbosity=0)
elif command in ("create", "expired"):
    store = SessionStore()
    store.update(json.loads(sys.argv[3]))
    if command == "expired":
        store.set_expiry(-10)  # seconds: Django 3.2 cannot store a date expiry with the JSON serializer
    store.save()
    print(store.session_key)
elif command == "read":
    print(json.dumps(dict(SessionStore(sys.argv[3]).items()), sort_keys=True, ensure_ascii=False))
elif command == "update":
    store = SessionStore(sys.argv[3])
    store.update(json.loads(sys.argv[4]))
    store.save()
    print(store.session_key)
elif command == "clear":
    SessionStore.clear_expired()
else:
    sys.exit("unknown command " + command)
