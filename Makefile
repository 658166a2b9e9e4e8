# brink — top-level Makefile. CMake + CTest do the work underneath.
#   make demo    install missing Debian packages, build, run `brink analyze`
#   make check   install missing packages, build (gcc, -Werror), run all tests
#   make check-clang / check-asan   the same suite with clang / ASan+UBSan
#   make bench   build and run the benchmarks under bench/
#   make property  the numerics property test at length (PROPERTY_GAMES random games)
#   make threshold-long   the threshold property test at 10^4 exact solves per scenario
#   make fuzz    build the libFuzzer targets (clang, ASan+UBSan) and run each FUZZ_SECONDS
#                (default 600); make fuzz-smoke: 60 s each, as CI does (docs/robustness.md)
#   make install PREFIX=/usr/local

BUILD   ?= build
PREFIX  ?= /usr/local
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 600
FUZZ_JOBS    ?= $(JOBS)
CMAKE_FLAGS ?=

.PHONY: all deps build demo check check-clang check-asan check-all bench property threshold-long fuzz-soak \
        fuzz-build fuzz fuzz-smoke install clean

all: build

deps:
	@scripts/deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CMAKE_FLAGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	$(BUILD)/brink analyze

check: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

check-clang: deps
	CC=clang cmake -S . -B build-clang -DCMAKE_BUILD_TYPE=Debug
	cmake --build build-clang -j $(JOBS)
	cd build-clang && ctest --output-on-failure -j $(JOBS)

check-asan: deps
	CC=clang cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DBRINK_SANITIZE=ON
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/fuzz/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

check-all: check check-clang check-asan

bench: build
	cmake --build $(BUILD) --target benchmarks -j $(JOBS)
	@for b in $(BUILD)/bench_*; do echo "== $$b"; BRINK_BIN=$(BUILD)/brink $$b || exit 1; done
	@for s in bench/*.sh; do [ -f "$$s" ] || continue; echo "== $$s"; BRINK_BIN=$(BUILD)/brink bash $$s || exit 1; done

PROPERTY_GAMES ?= 20000
property: build
	BRINK_PROPERTY_GAMES=$(PROPERTY_GAMES) $(BUILD)/test_numerics_property

fuzz-build: deps
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBRINK_FUZZ=ON
	cmake --build $(FUZZ_BUILD) --target fuzzers -j $(JOBS)

fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_JOBS=$(FUZZ_JOBS) scripts/fuzz.sh $(FUZZ_BUILD)

fuzz-smoke: fuzz-build
	FUZZ_SMOKE=1 FUZZ_JOBS=$(FUZZ_JOBS) scripts/fuzz.sh $(FUZZ_BUILD)

# the smoke's budget under seeds 1..FUZZ_SOAK_SEEDS, each from a fresh corpus: what CI's smoke
# could meet, tried before it does (about 3 min a seed on 2 cores)
FUZZ_SOAK_SEEDS ?= 10
fuzz-soak: fuzz-build
	@for s in $$(seq 1 $(FUZZ_SOAK_SEEDS)); do echo "== seed $$s"; \
	  FUZZ_SMOKE=1 FUZZ_SEED=$$s FUZZ_JOBS=$(FUZZ_JOBS) scripts/fuzz.sh $(FUZZ_BUILD) || exit 1; done

threshold-long: build
	scripts/threshold-long.sh $(BUILD)

install: build
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD) build-clang build-asan $(FUZZ_BUILD)
