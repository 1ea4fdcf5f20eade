// A 3-cell Li-ion pack behind a charger and a load.
#include "sim/supervisor/li_ion_pack.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iterator>

namespace hil::sim {
namespace {

struct OcvPoint {
  double soc_pct;
  double cell_mv;
};

// A typical NMC cell at rest, 25 C: steep below 10 %, a plateau around 3.7-3.9 V, steep again
// toward 4.18 V at full.
constexpr OcvPoint kOcvCurve[] = {
    {0, 3000},  {5, 3300},  {10, 3450}, {15, 3550}, {20, 3600}, {30, 3680},  {40, 3740},
    {50, 3790}, {60, 3830}, {70, 3870}, {80, 3920}, {90, 4040}, {100, 4180},
};

constexpr double kMsPerHour = 3600.0 * 1000.0;

double clamp_pct(double pct) { return std::clamp(std::isfinite(pct) ? pct : 0.0, 0.0, 100.0); }

}  // namespace

LiIonPack::LiIonPack(LiIonPackOptions options)
    : options_(options), soc_pct_(clamp_pct(options.soc_pct)) {}

double LiIonPack::cell_ocv_mv(double soc_pct) {
  const double soc = clamp_pct(soc_pct);
  const auto* upper = std::find_if(std::begin(kOcvCurve), std::end(kOcvCurve),
                                   [soc](const OcvPoint& p) { return p.soc_pct >= soc; });
  if (upper == std::begin(kOcvCurve)) return upper->cell_mv;
  const OcvPoint& lo = *(upper - 1);
  const OcvPoint& hi = *upper;
  return lo.cell_mv + (hi.cell_mv - lo.cell_mv) * (soc - lo.soc_pct) / (hi.soc_pct - lo.soc_pct);
}

int LiIonPack::pct() const { return static_cast<int>(std::lround(soc_pct_)); }

double LiIonPack::charge_acceptance_ma() const {
  if (soc_pct_ <= options_.cv_start_pct) return options_.charger_ma;
  const double left = (100.0 - soc_pct_) / (100.0 - options_.cv_start_pct);
  return options_.charger_ma * std::max(0.0, left);
}

double LiIonPack::pack_ma() const {
  if (!options_.charger_online || !charging_enabled_) return options_.load_ma;
  const double spare_ma = options_.charger_ma - options_.load_ma;
  if (spare_ma <= 0) return -spare_ma;  // the charger cannot carry the load alone
  return -std::min(spare_ma, charge_acceptance_ma());
}

double LiIonPack::pack_mv() const {
  return options_.cells * cell_ocv_mv(soc_pct_) -
         pack_ma() * options_.internal_resistance_mohm / 1000.0;
}

void LiIonPack::advance(core::Micros elapsed) {
  while (elapsed > core::Micros(0)) {
    const core::Micros step = std::min(elapsed, kStep);
    elapsed -= step;
    const double step_ms = std::chrono::duration<double, std::milli>(step).count();
    const double drawn_mah = pack_ma() * step_ms / kMsPerHour;
    soc_pct_ = clamp_pct(soc_pct_ - drawn_mah / options_.capacity_mah * 100.0);
  }
}

void LiIonPack::set_soc_pct(double soc_pct) { soc_pct_ = clamp_pct(soc_pct); }

void LiIonPack::set_charger_online(bool online) { options_.charger_online = online; }

void LiIonPack::set_load_ma(double load_ma) { options_.load_ma = std::max(0.0, load_ma); }

}  // namespace hil::sim
