# Fails shortly after it starts (_head_sim.yaml: 200 ms, exit 1, this line on stderr).
import sys
import time

time.sleep(0.2)
sys.stderr.write("ValueError: no eye found\n")
sys.exit(1)
