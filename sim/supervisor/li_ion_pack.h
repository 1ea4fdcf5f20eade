// A 3-cell (3S) Li-ion pack behind a charger and a load: state of charge, terminal voltage and
// current for the supervisor MCU's battery gauge.
//
// Voltage: each cell follows an open-circuit curve of a Li-ion (NMC) cell against its state of
// charge (cell_ocv_mv), and the pack's internal resistance adds the current's drop:
//   pack_mv = cells * ocv(soc) - pack_ma * R.
// Current, signed as the reference board reports it (-420 mA with its charger online): negative
// while current flows into the pack, positive while the pack feeds the load.
//   charger offline:  pack_ma = load_ma
//   charger online:   the charger feeds the load first; the rest charges the pack, at most what
//                     the pack accepts (charger_ma up to cv_start_pct, then tapering to 0 at 100 %)
// Calibration: the defaults (78 %, load 1080 mA, charger 1500 mA, 48 mOhm) give the reference
// board's 78 %, -420 mA and 11750 mV.
#pragma once

#include "firmware_core/ports/scheduler.h"

namespace hil::sim {

struct LiIonPackOptions {
  int cells = 3;
  double capacity_mah = 3000.0;
  double internal_resistance_mohm = 48.0;  // the whole pack
  double soc_pct = 78.0;
  double load_ma = 1080.0;     // what the board (Pi, radios, MCU) draws
  double charger_ma = 1500.0;  // what the charger supplies while online
  bool charger_online = true;
  double cv_start_pct = 95.0;  // constant voltage above this: charge current tapers to 0 at 100 %
};

class LiIonPack {
 public:
  // Integration step: fine enough for the taper, coarse enough for days of virtual time.
  static constexpr core::Micros kStep = std::chrono::seconds(1);

  explicit LiIonPack(LiIonPackOptions options = {});

  // The open-circuit voltage of one cell at a state of charge (clamped to 0..100 %).
  static double cell_ocv_mv(double soc_pct);

  // Moves charge for `elapsed` at the currents of each moment.
  void advance(core::Micros elapsed);

  double soc_pct() const { return soc_pct_; }
  // The gauge's whole percent.
  int pct() const;
  double pack_ma() const;
  double pack_mv() const;
  bool charger_online() const { return options_.charger_online; }
  bool charging_enabled() const { return charging_enabled_; }
  double load_ma() const { return options_.load_ma; }
  const LiIonPackOptions& options() const { return options_; }

  void set_soc_pct(double soc_pct);
  void set_charger_online(bool online);
  // The MCU may stop charging (arm_poweroff) while the charger stays plugged in.
  void set_charging_enabled(bool enabled) { charging_enabled_ = enabled; }
  void set_load_ma(double load_ma);

 private:
  double charge_acceptance_ma() const;

  LiIonPackOptions options_;
  double soc_pct_;
  bool charging_enabled_ = true;
};

}  // namespace hil::sim
