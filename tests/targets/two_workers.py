import sys
import threading

start = threading.Barrier(2)


def worker(label):
    start.wait()
    value = len(label)
    # One write per line, so the two workers' lines cannot interleave.
    sys.stdout.write(f"worker {label} {value}\n")
    sys.stdout.flush()


threads = [threading.Thread(target=worker, args=(name,), name=name) for name in ("W1", "W2")]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("all done")
