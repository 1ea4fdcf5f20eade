// Covers firmware_core/stepper/problem.h: the error catalog, one row per code.
#include "firmware_core/stepper/problem.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace hil::stepper {
namespace {

constexpr int kCodeCount = static_cast<int>(ErrorCode::kSetSaveFailed) + 1;

TEST(ErrorCatalog, EveryCodeHasItsOwnTextAndEveryECodeAName) {
  std::set<std::string> texts;
  for (int i = 0; i < kCodeCount; ++i) {
    const auto code = static_cast<ErrorCode>(i);
    const std::string text = code_text(code);
    EXPECT_TRUE(texts.insert(text).second) << text;
    const bool e_code = text.size() == 3 && text[0] == 'E';
    EXPECT_EQ(std::string(code_name(code)).empty(), !e_code) << text;
  }
}

TEST(ErrorCatalog, TheSchemasCodesAndNames) {
  EXPECT_STREQ(code_text(ErrorCode::kBadCmd), "E01");
  EXPECT_STREQ(code_name(ErrorCode::kBadId), "BAD_ID");
  EXPECT_STREQ(code_name(ErrorCode::kPosOutOfRange), "POS_OUT_OF_RANGE");
  EXPECT_STREQ(code_text(ErrorCode::kThermalNoBudgetWake), "E12");
  EXPECT_STREQ(code_text(ErrorCode::kNetScanApOnly), "NET_SCAN_AP_ONLY");
}

// Issue 11, item 2: the console shows the fields of E10, E11 and of self-describing codes only.
TEST(ErrorCatalog, ConsoleShowsFieldsOnlyForThermalPreflightAndSelfDescribingCodes) {
  for (int i = 0; i < kCodeCount; ++i) {
    const auto code = static_cast<ErrorCode>(i);
    const bool self_describing = std::string(code_name(code)).empty();
    const bool preflight =
        code == ErrorCode::kThermalReqGtMax || code == ErrorCode::kThermalNoBudget;
    EXPECT_EQ(console_shows_fields(code), self_describing || preflight) << code_text(code);
  }
}

}  // namespace
}  // namespace hil::stepper
