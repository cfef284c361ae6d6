"""Exit in the way named by the first argument."""
import sys

how = sys.argv[1]
print("exiting", how)
if how == "number":
    sys.exit(3)
if how == "none":
    sys.exit(None)
if how == "message":
    sys.exit("stopped: bad input")
if how == "exception":
    raise RuntimeError("broken on purpose")
if how == "interrupt":
    raise KeyboardInterrupt
