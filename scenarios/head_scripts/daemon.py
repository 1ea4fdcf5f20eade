# Leaves two processes running when it ends (_head_sim.yaml: 300 ms, forks 2): a child in its
# group and one that calls setsid to leave it.
import os
import time

for leaves_group in (False, True):
    if os.fork() == 0:
        if leaves_group:
            os.setsid()
        while True:
            time.sleep(0.1)
time.sleep(0.3)
