# The two commands of the quick start: `make run` and `make test`. Both install what they need.
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

build: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$(OPT_FLAGS)" -DCMAKE_C_FLAGS_RELWITHDEBINFO="$(OPT_FLAGS)" \
	  -DPython_EXECUTABLE=$(PYTHON) >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@tools/run-main.sh $(BUILD_DIR)

# CTest's tiers: `unit` runs in one process on virtual time; `process` starts brokers and PTYs.
unit: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) -L unit

integration: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) -L process
	@PYTHONPATH=$(BUILD_DIR)/python HILBENCH_BUILD_DIR=$(abspath $(BUILD_DIR)) $(PYTHON) -m pytest -q -n $(PYTEST_WORKERS) tests scenarios

test: format-check typecheck unit integration

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
