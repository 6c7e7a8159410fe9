//go:build windows

package main

import (
	"os"
	"syscall"
)

// A Windows GUI program (linked with -H=windowsgui) starts without a
// console, so "byline import ..." typed in a terminal would print nothing.
// For headless commands, attach to the console of the terminal that started
// Byline and write there.
func init() {
	if len(os.Args) < 2 || os.Args[1] == "" || os.Args[1][0] == '-' {
		return // the window: no console wanted
	}
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	const attachParentProcess = ^uintptr(0) // (DWORD)-1
	if ok, _, _ := attach.Call(attachParentProcess); ok == 0 {
		return // started without a terminal, or already has a console
	}
	if out, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
		os.Stdout, os.Stderr = out, out
	}
}
