import time

print("looping", flush=True)
count = 0
while count < 600:
    count += 1
    time.sleep(0.05)
print("finished", count)
