import threading


def work(count):
    total = 0
    for i in range(count):
        total += i
    return total


workers = [threading.Thread(target=work, args=(5,), name=f"worker-{k}") for k in range(2)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
print("threads done")
