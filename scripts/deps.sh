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

byline_need_go() {
	if command -v go >/dev/null; then return 0; fi
	for d in /usr/local/go/bin "$HOME/go/bin" /usr/lib/go/bin; do
		if [ -x "$d/go" ]; then export PATH="$d:$PATH"; return 0; fi
	done
	echo "Byline needs Go 1.22 or newer (it fetches the exact toolchain go.mod names): see https://go.dev/doc/install" >&2
	return 1
}
