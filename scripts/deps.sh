#!/usr/bin/env bash
# Installs the system packages Byline needs to build (a C compiler and the
# X11/OpenGL headers for Fyne's cgo driver; SQLite is compiled in), only when
# some are missing. Sourced by run.sh and test.sh; Debian/Ubuntu only.
set -euo pipefail

byline_need_packages() {
	local pkgs=(gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
		libxinerama-dev libxi-dev libxxf86vm-dev "$@")
	local missing=()
	for p in "${pkgs[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if ! command -v apt-get >/dev/null; then
		echo "Byline needs: ${missing[*]} (install them with your package manager)" >&2
		return 1
	fi
	local sudo=""
	[ "$(id -u)" -ne 0 ] && sudo="sudo"
	echo "Installing system packages: ${missing[*]}" >&2
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# byline_need_go puts a Go toolchain on the PATH. Go 1.21 or newer fetches the
# exact version go.mod names by itself. Older or missing Go (Debian 12 ships
# 1.19) is used only to fetch that toolchain as a module
# (golang.org/toolchain) into ~/.local/share/byline-go.
byline_need_go() {
	local d
	for d in "" /usr/local/go/bin "$HOME/go/bin" /usr/lib/go/bin; do
		[ -n "$d" ] && [ -x "$d/go" ] && export PATH="$d:$PATH"
		if command -v go >/dev/null && byline_go_recent; then return 0; fi
	done
	local want arch dest
	want=$(sed -n 's/^go \([0-9.]*\)$/\1/p' go.mod)
	case "$(uname -m)" in
	x86_64) arch=amd64 ;;
	aarch64 | arm64) arch=arm64 ;;
	*) echo "Byline needs Go $want: see https://go.dev/doc/install" >&2; return 1 ;;
	esac
	dest="$HOME/.local/share/byline-go/go$want"
	if [ ! -x "$dest/bin/go" ]; then
		if ! command -v go >/dev/null; then
			byline_need_packages golang-go
		fi
		echo "Fetching Go $want (once, into $dest)" >&2
		local tmp
		tmp=$(mktemp -d)
		# From outside the module: an old go refuses to read our go.mod.
		(cd "$tmp" && GOPATH="$tmp" GOFLAGS=-modcacherw GO111MODULE=on \
			go mod download golang.org/toolchain@"v0.0.1-go$want.linux-$arch" >&2) || return 1
		mkdir -p "$(dirname "$dest")"
		rm -rf "$dest"
		cp -r "$tmp/pkg/mod/golang.org/toolchain@v0.0.1-go$want.linux-$arch" "$dest"
		chmod -R u+w "$dest"
		chmod +x "$dest"/bin/* "$dest"/pkg/tool/*/*
		rm -rf "$tmp"
	fi
	export PATH="$dest/bin:$PATH"
}

# byline_go_recent reports whether the go on the PATH is 1.21 or newer.
byline_go_recent() {
	local v minor
	v=$(go version 2>/dev/null | sed -n 's/.* go1\.\([0-9]*\).*/\1/p')
	minor=${v:-0}
	[ "$minor" -ge 21 ]
}
