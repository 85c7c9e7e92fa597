# LessonRunner — `make render` sets up and renders the lessons; `make test` runs every test.
SWIFT ?= swift
LESSON := .build/release/lesson
DEBIAN_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libopenblas-dev libjs-katex fonts-katex zlib1g-dev duktape-dev chromium

.PHONY: setup build render check test test-browser bench clean

# Installs the Debian packages the build needs: with apt-get when run as root,
# otherwise prints the exact command to run.
setup:
	@missing=""; \
	for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	  else \
	    echo "missing Debian packages:$$missing"; \
	    echo "run: sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi

build: setup
	$(SWIFT) build -c release --product lesson

# The kinds reference is a generated page, rendered after the lessons.
render: build
	mkdir -p .build/reference
	$(LESSON) kinds --markdown > .build/reference/reference.md
	$(LESSON) render lessons .build/reference/reference.md --out output

check: build
	$(LESSON) check lessons

# `swift build` first: the end-to-end tests run the debug `lesson` binary.
# Then the engine and experiment tests and the lessons again on OpenBLAS's
# slowest generic kernel (Prescott, SSE3), so that a result or a test that
# holds only for one processor's kernel fails here, on every machine.
# Timing blocks warn about noisy measurements rather than fail (see
# --strict-timing), so no check is retried.
test: setup
	$(SWIFT) build
	$(SWIFT) test
	OPENBLAS_CORETYPE=Prescott $(SWIFT) test --skip-build --filter 'NeuralEngineTests|ExperimentsTests'
	$(SWIFT) build -c release --product lesson
	$(LESSON) check lessons --no-cache
	OPENBLAS_CORETYPE=Prescott $(LESSON) check lessons --no-cache

# Opens every shipped page in headless Chromium at 1280 and 390 px, with
# JavaScript on and off (Tests/Browser/check_pages.py says what it checks).
# BROWSER_PAGES=DIR checks another folder; SCREENSHOTS=DIR keeps screenshots.
BROWSER_PAGES ?= output
test-browser: setup
	python3 Tests/Browser/check_pages.py $(BROWSER_PAGES) $(if $(SCREENSHOTS),--screenshots $(SCREENSHOTS))

bench: setup
	$(SWIFT) run -c release EngineBenchmarks

clean:
	rm -rf .build .lesson-cache
