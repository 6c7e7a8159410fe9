# Byline's build, test and packaging commands. Each target is a plain go or
# fyne command, so everything also works without make (docs/packaging.md).

GO      ?= go
TAGS    := migrated_fynedo
VERSION ?= $(shell sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
# BUILD is the build number fyne package writes into the package.
BUILD   ?= 1
DIST    := dist
# An installed fyne tool is used when present, else the pinned version.
FYNE    ?= $(shell command -v fyne 2>/dev/null || echo "$(GO) run fyne.io/tools/cmd/fyne@v1.7.4")
MINGW   ?= x86_64-w64-mingw32-gcc
# WINGUI marks byline.exe as a GUI program (no console window); empty it for a
# console build whose headless commands print to the terminal.
WINGUI  ?= -H=windowsgui

.PHONY: build test package-linux package-windows clean

## build: the byline binary for this machine (needs cgo: a C compiler and the X11/GL headers)
build:
	CGO_ENABLED=1 $(GO) build -tags $(TAGS) -o byline .

## test: every test, as the README says
test:
	./scripts/test.sh

## package-linux: dist/byline-VERSION-linux-amd64.tar.xz with the binary, .desktop file and icon
# fyne package always bumps Build in FyneApp.toml and rewrites the file, so
# the file is restored afterwards, whether packaging worked or not.
package-linux:
	mkdir -p $(DIST)
	cp FyneApp.toml $(DIST)/FyneApp.toml.orig
	CGO_ENABLED=1 $(FYNE) package -os linux --release --app-build $(BUILD) --app-version $(VERSION); \
		status=$$?; mv $(DIST)/FyneApp.toml.orig FyneApp.toml; exit $$status
	mv Byline.tar.xz $(DIST)/byline-$(VERSION)-linux-amd64.tar.xz
	@echo "wrote $(DIST)/byline-$(VERSION)-linux-amd64.tar.xz"

## package-windows: dist/byline.exe cross-built with mingw-w64 (apt-get install gcc-mingw-w64-x86-64)
package-windows:
	mkdir -p $(DIST)
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=$(MINGW) \
		$(GO) build -tags $(TAGS) -ldflags "$(WINGUI) -s -w" -o $(DIST)/byline.exe .
	@echo "wrote $(DIST)/byline.exe"

clean:
	rm -rf $(DIST) byline byline.exe
