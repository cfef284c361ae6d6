import threading

ready = threading.Barrier(2)


def work(label, amount):
    ready.wait()
    result = amount * 2
    print("thread", label, result, flush=True)
    return result


first = threading.Thread(target=work, args=("one", 1), name="first-worker")
second = threading.Thread(target=work, args=("two", 2), name="second-worker")
first.start()
second.start()
first.join()
second.join()
print("joined")
