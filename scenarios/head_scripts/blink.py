# Blinks once and ends (_head_sim.yaml: runs 1.5 s, exit 0).
import time

time.sleep(1.5)
