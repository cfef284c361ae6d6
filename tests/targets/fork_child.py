import os

pid = os.fork()
role = "child" if pid == 0 else "parent"
if pid == 0:
    # One write call, so that the line cannot interleave with the parent's.
    os.write(1, b"child after fork\n")
    os._exit(0)
os.waitpid(pid, 0)
print("parent done")
