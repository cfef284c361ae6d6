import threading

start = threading.Barrier(2)


def worker(label):
    start.wait()
    value = len(label)
    print("worker", label, value, flush=True)


threads = [threading.Thread(target=worker, args=(name,), name=name) for name in ("W1", "W2")]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("all done")
