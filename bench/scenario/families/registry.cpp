// The table of device families: one line per family, its row defined in its own folder.
#include "bench/scenario/family.h"

// ROW(kind): the family whose row <kind>_family() builds.
#define HIL_DEVICE_FAMILIES(ROW) \
  ROW(stepper)                   \
  ROW(hvac)                      \
  ROW(ir_blaster)                \
  ROW(mcu)                       \
  ROW(esp32_audio)               \
  ROW(audio_service)             \
  ROW(head)

namespace hil::scenario {

#define HIL_DECLARE_FAMILY(kind) Family kind##_family();
HIL_DEVICE_FAMILIES(HIL_DECLARE_FAMILY)
#undef HIL_DECLARE_FAMILY

const FamilyRegistry& FamilyRegistry::builtin() {
  static const FamilyRegistry kRegistry = [] {
    FamilyRegistry rows;
#define HIL_ADD_FAMILY(kind) rows.add(kind##_family());
    HIL_DEVICE_FAMILIES(HIL_ADD_FAMILY)
#undef HIL_ADD_FAMILY
    return rows;
  }();
  return kRegistry;
}

}  // namespace hil::scenario
