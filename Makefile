# SPDX-License-Identifier: GPL-3.0-or-later
# Thin wrapper: everything real lives in meson.build and tests/run-tests.

BUILD ?= _build
ASAN_BUILD ?= _build-asan
FUZZ_BUILD ?= _build-fuzz
FUZZ_SECONDS ?= 600
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

DEB_PACKAGES = build-essential pkg-config meson ninja-build gettext \
  libglib2.0-dev libgtk-4-dev libshumate-dev libadwaita-1-dev libgdal-dev \
  gdal-bin libjson-glib-dev libxml2-dev libcairo2-dev xvfb xauth desktop-file-utils \
  appstream poppler-utils python3 libxml2-utils librsvg2-common \
  fonts-dejavu-core libxtst-dev clang libclang-rt-14-dev \
  postgresql-15 postgresql-client-15 postgresql-15-postgis-3

.PHONY: all deps build run check check-asan bench clean datasets fuzz

all: build

deps:
	@missing=$$(for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing: $$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	else echo "All build dependencies are installed."; fi

$(BUILD)/build.ninja:
	meson setup $(BUILD)

build: $(BUILD)/build.ninja
	meson compile -C $(BUILD)

run: deps build
	GSETTINGS_SCHEMA_DIR=$(BUILD)/data PLATSATLAS_DATA_DIR=$(CURDIR)/data \
	  $(BUILD)/src/app/platsatlas

# Not on build: run-tests builds itself, so that a build failure still ends
# in its summary line.
check: deps $(BUILD)/build.ninja
	@tests/run-tests $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)

# Every libFuzzer target for FUZZ_SECONDS each (tests/fuzz, docs/HACKING.md).
fuzz: deps
	@[ -f $(FUZZ_BUILD)/build.ninja ] || CC=clang meson setup $(FUZZ_BUILD) -Dfuzzing=true \
	  -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized
	meson compile -C $(FUZZ_BUILD)
	nice tests/fuzz/run-fuzz $(FUZZ_BUILD) $(FUZZ_SECONDS)

# Under Xvfb: the interaction benchmark drives the real window.
bench: deps build
	PLATSATLAS_DATA_DIR=$(CURDIR)/data xvfb-run -a -s "-screen 0 1280x800x24" \
	  meson test -C $(BUILD) --benchmark

# stockholm-uppsala is made by the built platsatlas-cli pack from its recipe.
datasets: build
	python3 data/scripts/build-datasets.py --cli $(BUILD)/src/cli/platsatlas-cli

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
