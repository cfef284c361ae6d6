"""A worker thread whose exception is not caught."""
import threading


def work():
    values = {"a": 1}
    return values["b"]


worker = threading.Thread(target=work, name="worker-1")
worker.start()
worker.join()
print("main done")
