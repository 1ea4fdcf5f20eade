# Moves the eyes until it is stopped (the head_* scenarios' real script; _head_sim.yaml: forever).
import time

while True:
    time.sleep(0.1)
