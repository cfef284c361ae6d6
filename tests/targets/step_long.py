import sys
import time


def spin(rounds):
    count = 0
    while count < rounds:
        count += 1
        if count % 20 == 0:
            print("tick", count, flush=True)
        time.sleep(0.01)
    return count


def nap():
    print("napping", flush=True); time.sleep(60)
    return "rested"


print("started", flush=True)
if sys.argv[1:] == ["nap"]:
    print(nap())
total = spin(100000)
print("spun", total, flush=True)
