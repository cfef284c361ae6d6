"""Handles SIGTERM itself and exits normally."""

import os
import signal
import sys


def on_term(signum, frame):
    print("handled", flush=True)
    sys.exit(0)


signal.signal(signal.SIGTERM, on_term)
print("ready", flush=True)
os.kill(os.getpid(), signal.SIGTERM)
while True:
    pass
