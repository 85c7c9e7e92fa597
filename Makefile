# LessonRunner — `make render` sets up and renders the lessons; `make test` runs every test.
SWIFT ?= swift
LESSON := .build/release/lesson
DEBIAN_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libopenblas-dev libjs-katex fonts-katex zlib1g-dev

.PHONY: setup build render check test bench clean

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

render: build
	$(LESSON) render lessons --out output

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

bench: setup
	$(SWIFT) run -c release EngineBenchmarks

clean:
	rm -rf .build .lesson-cache
