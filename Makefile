# Tandem: `make run` sets up and opens the app, `make test` sets up and runs
# every test. On Debian and Ubuntu, setup installs the C libraries Fyne
# needs (as root, or through sudo); elsewhere it only checks for a compiler.

VERSION := $(shell sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
COMMIT  := $(shell git rev-parse --short HEAD 2>/dev/null)
LDFLAGS := -X tandem/cli.Version=$(VERSION) -X tandem/cli.Commit=$(COMMIT)
GO      ?= go

# Fyne's build needs a C compiler and the X11/OpenGL headers; the
# end-to-end tests need a virtual display and a keyboard driver.
DEB_BUILD := gcc pkg-config libgl1-mesa-dev xorg-dev libxkbcommon-dev
DEB_TEST  := xvfb xdotool

.PHONY: run build test setup setup-test bench fuzz clean

run: setup build
	./tandem $(ARGS)

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o tandem .

test: setup setup-test
	$(GO) vet ./...
	$(GO) test ./...

# Go benchmarks: the figures the issues ask for.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./model

# Fuzz the front-matter reader and writer (FUZZTIME=5m for a long run).
FUZZTIME ?= 60s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzDoc$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 10s ./model
	$(GO) test -run '^$$' -fuzz '^FuzzSimpleYAML$$' -fuzztime $(FUZZTIME) ./model

setup:
	@$(call deb_install,$(DEB_BUILD))
	@command -v $(GO) >/dev/null || { echo "Go is missing: install Go 1.26 or newer from your package manager"; exit 1; }
	@command -v gcc >/dev/null || command -v cc >/dev/null || command -v clang >/dev/null || \
		{ echo "A C compiler is missing: on Windows install MSYS2's mingw-w64 gcc, on macOS run 'xcode-select --install'"; exit 1; }

setup-test:
	@$(call deb_install,$(DEB_TEST))

# deb_install installs the Debian packages that are not yet installed, when
# this is a Debian-like system; elsewhere it does nothing.
define deb_install
	if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then \
		missing=""; \
		for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
		if [ -n "$$missing" ]; then \
			echo "Installing:$$missing"; \
			if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
			$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
			$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		fi; \
	fi
endef

clean:
	rm -rf tandem tandem.exe dist testdata/failed
