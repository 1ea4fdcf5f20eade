# The two commands of the quick start: `make run` and `make test`. Both install what they need.
# SAN=1: the same tests under AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer,
# built into build-san (`make test SAN=1`; see the README's tests section).
ifeq ($(SAN),1)
BUILD_DIR ?= build-san
endif
BUILD_DIR ?= build
PYTHON := /usr/bin/python3
JOBS ?= $(shell nproc)
# pytest-xdist workers: most integration tests wait on processes and brokers, not the CPU.
PYTEST_WORKERS ?= 4

.PHONY: all deps build run test unit integration typecheck lint format format-check bench fuzz clean

all: build

deps:
	@tools/install-deps.sh

# Optimized, with line tables only (-g1): backtraces and profiles keep their file and line, and the
# build takes a third less time than with full debug info (-g). Configure Debug to inspect variables.
OPT_FLAGS := -O2 -g1 -DNDEBUG
# Under SAN=1, -O1 and no benchmarks; every test command runs through tools/sanitizers/run.sh, which
# sets the sanitizers' options and fails the command when any process wrote a report.
ifeq ($(SAN),1)
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPT_FLAGS := -O1 -g1 -DNDEBUG $(SAN_FLAGS)
SAN_CONFIGURE := -DCMAKE_EXE_LINKER_FLAGS="$(SAN_FLAGS)" -DCMAKE_SHARED_LINKER_FLAGS="$(SAN_FLAGS)" \
  -DCMAKE_MODULE_LINKER_FLAGS="$(SAN_FLAGS)" -DHILBENCH_BUILD_BENCHMARKS=OFF
SAN_RUN := $(CURDIR)/tools/sanitizers/run.sh $(abspath $(BUILD_DIR))
SAN_RUN_PYTHON := $(CURDIR)/tools/sanitizers/run.sh --python $(abspath $(BUILD_DIR))
endif

build: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$(OPT_FLAGS)" -DCMAKE_C_FLAGS_RELWITHDEBINFO="$(OPT_FLAGS)" \
	  -DPython_EXECUTABLE=$(PYTHON) $(SAN_CONFIGURE) >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@tools/run-main.sh $(BUILD_DIR)

# CTest's tiers: `unit` runs in one process on virtual time; `process` starts brokers and PTYs.
unit: build
	@cd $(BUILD_DIR) && $(SAN_RUN) ctest --output-on-failure -j $(JOBS) -L unit

integration: build
	@cd $(BUILD_DIR) && $(SAN_RUN) ctest --output-on-failure -j $(JOBS) -L process
	@PYTHONPATH=$(BUILD_DIR)/python HILBENCH_BUILD_DIR=$(abspath $(BUILD_DIR)) $(SAN_RUN_PYTHON) $(PYTHON) -m pytest -q -n $(PYTEST_WORKERS) tests scenarios

ifeq ($(SAN),1)
test: unit integration
else
test: format-check typecheck unit integration
endif

# The Python package's types: mypy --strict on python/hilbench (settings in pyproject.toml), then
# stubtest holds the compiled module's stub to what the module really exports.
typecheck: build
	@$(PYTHON) -m mypy
	@PYTHONPATH=$(BUILD_DIR)/python $(PYTHON) -m mypy.stubtest --allowlist tools/stubtest-allowlist.txt hilbench._hilbench

# clang-tidy (.clang-tidy) on firmware_core/, sim/ and bench/; not part of make test (it takes minutes).
lint: build
	@tools/lint.sh $(BUILD_DIR)

# The C++ files as .clang-format wants them: checked by make test, rewritten by make format.
format-check: deps
	@tools/check-format.sh

format: deps
	@tools/check-format.sh --fix

bench: build
	@tools/run-benchmarks.sh $(BUILD_DIR)

# libFuzzer on every parser (tests/fuzz), built with clang, ASan and UBSan in its own folder; each
# target runs FUZZ_SECONDS on its corpus and dictionary. Fails on any crash, leak or UB.
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
fuzz:
	@tools/install-deps.sh fuzz
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tools/run-fuzzers.sh $(FUZZ_DIR)

clean:
	rm -rf $(BUILD_DIR)
