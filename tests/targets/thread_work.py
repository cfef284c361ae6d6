import threading


def worker(value):
    doubled = value * 2
    print("worker", doubled)


thread = threading.Thread(target=worker, args=(21,), name="helper")
thread.start()
thread.join()
print("joined")
