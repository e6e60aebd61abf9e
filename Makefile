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
DEB_TEST  := xvfb xdotool chromium git hunspell hunspell-en-ca hunspell-fr-comprehensive

.PHONY: run build test race setup setup-test bench fuzz screenshot clean dist-linux dist-windows dist-darwin user-install

# Packaging: fyne.io/tools at a pinned version, installed into .tools/.
FYNE_TOOLS := v1.7.4
FYNE       := $(CURDIR)/.tools/fyne-$(FYNE_TOOLS)
DIST       := dist
# fyne package takes extra -ldflags from GOFLAGS, one -ldflags= per flag.
PKG_GOFLAGS := -ldflags=-X=tandem/cli.Version=$(VERSION) -ldflags=-X=tandem/cli.Commit=$(COMMIT)
# fyne package bumps Build in FyneApp.toml and rewrites it: keep ours.
define fyne_package
	cp FyneApp.toml .tools/FyneApp.toml.keep
	GOFLAGS="$(PKG_GOFLAGS)" $(1) $(FYNE) package --release --name Tandem $(2); \
		status=$$?; cp .tools/FyneApp.toml.keep FyneApp.toml; exit $$status
endef

run: setup build
	./tandem $(ARGS)

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o tandem .

test: setup setup-test
	$(GO) mod tidy -diff
	$(GO) vet ./...
	$(GO) test ./...
	cd cli/startup && $(GO) vet . && $(GO) test .

# The window's packages under the race detector (background renders,
# image loads and the file watcher hand their results to the UI thread).
race: setup setup-test
	$(GO) test -race ./model/... ./preview/... ./check/... ./spell/... ./editor/... ./task/... ./workspace/... ./translate/...

# The README's picture, from the real window under Xvfb (needs
# ImageMagick's import: apt-get install imagemagick).
screenshot: setup setup-test
	TANDEM_SCREENSHOT_TO=$(CURDIR)/docs/window.png $(GO) test -count=1 -run '^TestScreenshotOfTheWindow$$' .

# Go benchmarks: the figures the issues ask for.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./model
	$(GO) test -run '^$$' -bench . -benchmem ./preview
	$(GO) test -run '^$$' -bench . -benchmem ./check/... ./markup/align
	$(GO) test -run '^$$' -bench . -benchtime 1x ./workspace
	$(GO) test -run '^$$' -bench . -benchmem ./translate
	$(GO) test -run '^$$' -bench 'Keystroke|Open1MB|PreviewScroll' -benchtime 200x -benchmem ./editor

# Fuzz every reader of text, one target after another, FUZZTIME each
# (FUZZTIME=10m for a long run): the front-matter reader and writer, the
# renders (goldmark with the HTML walker, Blackfriday, kramdown's rules,
# raw HTML alone) and the incremental render edit by edit. make test runs
# their seeds and the failures they found (testdata/fuzz).
FUZZTIME ?= 60s
MARKUP_FUZZ := FuzzRenderGoldmark FuzzRenderBlackfriday FuzzRenderKramdown FuzzRawHTML FuzzIncremental FuzzStartTags FuzzStartsHTMLBlock FuzzSplitRanges
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzDoc$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 10s ./model
	$(GO) test -run '^$$' -fuzz '^FuzzSimpleYAML$$' -fuzztime $(FUZZTIME) ./model
	$(GO) test -run '^$$' -fuzz '^FuzzFoldedGet$$' -fuzztime $(FUZZTIME) ./model
	$(GO) test -run '^$$' -fuzz '^FuzzHTMLTag$$' -fuzztime $(FUZZTIME) ./model
	$(GO) test -run '^$$' -fuzz '^FuzzPackFindings$$' -fuzztime $(FUZZTIME) ./model
	$(GO) test -run '^$$' -fuzz '^FuzzNamesLanguage$$' -fuzztime $(FUZZTIME) ./model
	$(GO) test -run '^$$' -fuzz '^FuzzProse$$' -fuzztime $(FUZZTIME) ./lines
	$(GO) test -run '^$$' -fuzz '^FuzzProtectRestore$$' -fuzztime $(FUZZTIME) ./translate
	$(GO) test -run '^$$' -fuzz '^FuzzTermbase$$' -fuzztime $(FUZZTIME) ./check/terms
	$(GO) test -run '^$$' -fuzz '^FuzzNumbers$$' -fuzztime $(FUZZTIME) ./l10n
	$(GO) test -run '^$$' -fuzz '^FuzzLinkKey$$' -fuzztime $(FUZZTIME) ./l10n
	$(GO) test -run '^$$' -fuzz '^FuzzMarkSpans$$' -fuzztime $(FUZZTIME) ./l10n
	$(GO) test -run '^$$' -fuzz '^FuzzAlign$$' -fuzztime $(FUZZTIME) ./markup/align
	$(GO) test -run '^$$' -fuzz '^FuzzChangedLines$$' -fuzztime $(FUZZTIME) ./editor
	$(GO) test -run '^$$' -fuzz '^FuzzEditsKeepTheModel$$' -fuzztime $(FUZZTIME) ./editor
	$(GO) test -run '^$$' -fuzz '^FuzzSiteRecords$$' -fuzztime $(FUZZTIME) ./check
	$(GO) test -run '^$$' -fuzz '^FuzzEachURL$$' -fuzztime $(FUZZTIME) ./check
	$(GO) test -run '^$$' -fuzz '^FuzzSurveyAddresses$$' -fuzztime $(FUZZTIME) ./check
	$(GO) test -run '^$$' -fuzz '^FuzzCheckSkipsOnlyQuietLines$$' -fuzztime $(FUZZTIME) ./check/typo
	$(GO) test -run '^$$' -fuzz '^FuzzFindingJSON$$' -fuzztime $(FUZZTIME) ./cli
	for t in $(MARKUP_FUZZ); do \
		$(GO) test -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 10s ./markup || exit 1; \
	done

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

$(FYNE):
	@mkdir -p .tools
	GOBIN=$(CURDIR)/.tools $(GO) install fyne.io/tools/cmd/fyne@$(FYNE_TOOLS)
	mv .tools/fyne $(FYNE)

# Linux: the stripped binary, its .desktop file and icon, and a Makefile
# whose `make user-install` installs them in ~/.local.
dist-linux: setup $(FYNE)
	@mkdir -p $(DIST)
	$(call fyne_package,,--os linux)
	mv Tandem.tar.xz $(DIST)/Tandem-$(VERSION)-linux-amd64.tar.xz
	@ls -l $(DIST)/Tandem-$(VERSION)-linux-amd64.tar.xz

# Windows, cross-compiled on Linux with mingw-w64: Tandem.exe with its
# icon, version and manifest resources, then the NSIS installer.
MINGW_CC := x86_64-w64-mingw32-gcc
dist-windows: $(FYNE)
	@$(call deb_install,gcc-mingw-w64-x86-64 nsis)
	@mkdir -p $(DIST)
	$(call fyne_package,CC=$(MINGW_CC) GOOS=windows GOARCH=amd64,--os windows --app-id ca.tandem.editor)
	mv Tandem.exe $(DIST)/Tandem.exe
	makensis -V2 -DVERSION=$(VERSION) -DEXE=$(CURDIR)/$(DIST)/Tandem.exe \
		-DOUTFILE=$(CURDIR)/$(DIST)/Tandem-$(VERSION)-windows-amd64-setup.exe packaging/windows/tandem.nsi
	@ls -l $(DIST)/Tandem.exe $(DIST)/Tandem-$(VERSION)-windows-amd64-setup.exe

# macOS, on a Mac (Apple's SDK): Tandem.app for this Mac's architecture,
# in a disk image. ARCH=arm64 or ARCH=amd64 picks one.
ARCH ?= $(shell $(GO) env GOARCH)
dist-darwin: $(FYNE)
	@mkdir -p $(DIST)
	rm -rf Tandem.app
	$(call fyne_package,GOARCH=$(ARCH),--os darwin --app-id ca.tandem.editor)
	rm -rf $(DIST)/dmg && mkdir -p $(DIST)/dmg && mv Tandem.app $(DIST)/dmg/ && ln -s /Applications $(DIST)/dmg/Applications
	hdiutil create -volname "Tandem $(VERSION)" -srcfolder $(DIST)/dmg -ov -format UDZO \
		$(DIST)/Tandem-$(VERSION)-darwin-$(ARCH).dmg
	rm -rf $(DIST)/dmg

# Installs the Linux package of this checkout in ~/.local.
user-install: dist-linux
	rm -rf $(DIST)/linux && mkdir -p $(DIST)/linux
	tar -xJf $(DIST)/Tandem-$(VERSION)-linux-amd64.tar.xz -C $(DIST)/linux
	$(MAKE) -C $(DIST)/linux/tandem user-install

clean:
	rm -rf tandem tandem.exe dist testdata/failed .tools
