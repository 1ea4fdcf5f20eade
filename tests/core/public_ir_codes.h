// IR codes from public sources that more than one test file reads, each named with its source.
#pragma once

namespace hil::ir::test_codes {

// A Daikin (DAIKIN, 280-bit) frame learned by a Tuya blaster (a ZS06); from
// lastmyle/maestro-tuya-ir, tests/test_daikin_e2e.py (DAIKIN_USER_CODE), whose test decodes it as
// DAIKIN, 280 bits, bytes 11 DA 27...: power off, mode auto, 25 C, fan auto. The IR notes measure
// this very code: 544 characters as learned, 244 with the public reference's greedy parse, 1604
// literal-only.
inline constexpr const char* kDaikinLearned =
    "AacBQAEC4QGn4AQBC61iiQ3jBqcBHgWnAeADAUAPQCtAA8ABQBNAAUAHQANAAUAH4AcDwDNAF0ABQA9AA8AB4AsLwCvAB0"
    "Aj"
    "QANAD0ADQAFAD0ABQAfgCxNAF8AB4AcLQC/AA0ABQB/"
    "AD0AHAamL4QUHQB9AAUAbQAFAD0ADQAHAE0AHQANAF0AH4AcDQBdA"
    "A0AXQAdAAUAHQAPAAcALQAdAA0ABQC9AAUAPQANAAcATQAHAE0ABwAtAB0ADQAFAB0ADQAHgCzdAG0AXQAdAA0ALQANAC+"
    "F3"
    "B0ABBFQCIwGnoAFAk0ABQAdAA0ABQAdAA0ABQAdAuwGnAUAJgAFACUADQBdAB0ABQAtAA8APQAHAC0AHQAPAAcALQAdAA8"
    "AB"
    "QD9AAcAH4AMbQAHAD0AHQAPAAcALQAdAA0ABQAdAR0ADQAFAD0ADwAHgCwtAK0AD4AsbQBNAA0ABQAdAA8AB4AsLQEdAAc"
    "AH"
    "QCNAA0APQANAAUAPQAFAB0ADwAHgBwtAL+ALE0AX4AMDC6cBpwHhAacBpwGnAQ==";

}  // namespace hil::ir::test_codes
