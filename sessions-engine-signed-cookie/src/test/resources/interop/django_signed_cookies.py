"""Reads and writes session cookies with Django's real signed_cookies backend.

stdin:  {"secret": str, "load": [cookie, ...], "dump": [object, ...]}
stdout: {"django": version, "loaded": [object, ...], "dumped": [cookie, ...]}
A cookie Django rejects loads as {} (Django resets the session), exactly what a request would see.
"""
import json
import sys

import django
from django.conf import settings


def main():
    request = json.load(sys.stdin)
    settings.configure(SECRET_KEY=request["secret"], USE_TZ=True,
                       SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies")
    django.setup()
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    loaded = []
    for cookie in request.get("load", []):
        loaded.append(dict(SessionStore(session_key=cookie).load()))
    dumped = []
    for obj in request.get("dump", []):
        store = SessionStore()
        store.update(obj)
        store.save()
        dumped.append(store.session_key)
    json.dump({"django": django.get_version(), "loaded": loaded, "dumped": dumped}, sys.stdout)


if __name__ == "__main__":
    main()
