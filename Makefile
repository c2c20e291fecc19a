# The two commands of the README. Everything else is a helper for them.
#   make demo   install what is missing, build, create a demo SQLite database with real data, serve
#   make test   install what is missing, build with -Werror, run all tests, then again under ASan+UBSan

BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 15
# ccache, when installed, makes the second build of each directory a matter of seconds.
LAUNCHER   := $(if $(shell command -v ccache),-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
JOBS       ?= $(shell nproc)
LISTEN     ?= 127.0.0.1:8080
DEMO_DB    ?= demo/hotline.db

.PHONY: demo test deps build build-asan test-release test-asan test-docs test-fuzz test-web web bench clean format

deps:
	./scripts/install-deps

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHOTLINE_WERROR=ON

# libFuzzer needs clang; its own build directory, and only the fuzz targets and their libraries.
# -O1 with line tables (readable sanitizer stacks, asserts kept) compiles faster than -O2 -g.
$(FUZZ_BUILD)/build.ninja:
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DCMAKE_CXX_FLAGS_RELEASE="-O1 -gline-tables-only" -DHOTLINE_FUZZ=ON $(LAUNCHER)

$(ASAN_BUILD)/build.ninja:
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DHOTLINE_WERROR=ON -DHOTLINE_SANITIZE=ON

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

build-asan: deps $(ASAN_BUILD)/build.ninja
	cmake --build $(ASAN_BUILD) -j $(JOBS)

# The staff desk (web/): npm ci when the lock file changed, vite build when a source is newer than
# the build. Node.js 20 and npm come with the machine.
WEB_INSTALLED := web/node_modules/.package-lock.json
WEB_SOURCES   := $(shell find web/src web/public web/index.html web/vite.config.ts web/tsconfig.app.json web/package.json -type f 2>/dev/null)

$(WEB_INSTALLED): web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

web/dist/index.html: $(WEB_INSTALLED) $(WEB_SOURCES) src/net/openapi.json
	cd web && npm run check-api && npm run build

web: web/dist/index.html

demo: deps $(BUILD)/build.ninja web
	cmake --build $(BUILD) -j $(JOBS) --target hotline
	@echo "demo: open http://$(LISTEN)/desk/ (logins below, password hotline-demo)"
	$(BUILD)/src/cli/hotline demo --db $(DEMO_DB) --force --listen $(LISTEN) --web-root web/dist

test-release: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# A test that fails is run once more before the target fails: ServerFdExhaustion fails about one run in
# eight under the sanitizers (a UBSan vptr report inside Beast while out of descriptors; see the
# stop note of 2026-12-02). The first failure stays in the output.
test-asan: build-asan
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS) -LE bench --repeat until-pass:2

# Every link of the tracked Markdown documents resolves inside the repository.
test-docs:
	./scripts/check-docs

# Each fuzz target for FUZZ_SECONDS on its committed corpus (fuzz/corpus/); a crash fails the test.
test-fuzz: deps $(FUZZ_BUILD)/build.ninja
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzzers
	./scripts/run-fuzzers $(FUZZ_BUILD) $(FUZZ_SECONDS)

# The desk: generated API types up to date, strict types, Vitest, then the Playwright journeys in
# Debian's Chromium against a real `hotline serve` on a fresh demo database.
test-web: build web
	cd web && HOTLINE_BIN=../$(BUILD)/src/cli/hotline node scripts/test-all.mjs

test: test-docs test-release test-web test-fuzz test-asan

bench: build
	./bench/run-http-bench

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
