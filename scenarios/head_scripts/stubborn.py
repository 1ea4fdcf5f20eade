# Ignores SIGTERM: only SIGKILL ends it (_head_sim.yaml: forever, ignores_term).
import signal
import time

signal.signal(signal.SIGTERM, signal.SIG_IGN)
while True:
    time.sleep(0.1)
