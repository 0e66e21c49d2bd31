"""Django's own file session backend, driven by DjangoInteropTest.

Usage: file_sessions.py SECRET DIRECTORY COMMAND [ARG]
  create JSON   -> saves a new session holding JSON, prints its key
  read KEY      -> prints the session's data as JSON ({} when missing or expired)
  update KEY JSON -> loads, updates with JSON, saves
  clear         -> SessionStore.clear_expired(), as `manage.py clearsessions` does
"""
import json
import sys

from django.conf import settings

settings.configure(
    SECRET_KEY=sys.argv[1],
    SESSION_ENGINE="django.contrib.sessions.backends.file",
    SESSION_FILE_PATH=sys.argv[2],
    USE_TZ=True,
    INSTALLED_APPS=["django.contrib.sessions"],
)
import django  # noqa: E402

django.setup()
from django.contrib.sessions.backends.file import SessionStore  # noqa: E402

command = sys.argv[3]
if command == "create":
    store = SessionStore()
    store.update(json.loads(sys.argv[4]))
    store.save()
    print(store.session_key)
elif command == "read":
    print(json.dumps(dict(SessionStore(sys.argv[4]).items()), sort_keys=True))
elif command == "update":
    store = SessionStore(sys.argv[4])
    store.update(json.loads(sys.argv[5]))
    store.save()
    print(store.session_key)
elif command == "clear":
    SessionStore.clear_expired()
    print("ok")
else:
    sys.exit("unknown command " + command)
