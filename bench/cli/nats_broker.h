// `hilbench broker --engine nats [--cluster N]`: a NATS cluster on loopback until SIGINT/SIGTERM.
#pragma once

#include "bench/log/logger.h"

namespace hil::cli {

// Starts `nodes` NATS nodes, prints the ready line with every node and serves until a signal;
// returns the exit code (1 when the cluster cannot start or a node ended on its own).
int serve_nats_broker(int nodes, const bench::Logger& log);

}  // namespace hil::cli
