package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// maxInitBytes bounds what package initialisation may allocate before
// Byline's main runs. Every start pays it, the window's as well as
// "byline version". It stood at about 6 MB (Fyne's translations, the
// extractor's word lists); go-dateparser, linked through go-htmldate, once
// added 78 MB and 0.3 s of CPU, which is what this guards against.
const maxInitBytes = 16 << 20

// TestStartupInitAllocations runs this test binary as "byline version" (see
// TestMain) with the runtime's init trace on, and adds up the bytes each
// package's initialisation allocated.
func TestStartupInitAllocations(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1", "BYLINE_TEST_CHILD_ARGS=version")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if out, err := cmd.Output(); err != nil || !strings.HasPrefix(string(out), "byline ") {
		t.Fatalf("byline version: %v, output %q, stderr %s", err, out, stderr.Bytes())
	}
	total, perPackage := initAllocations(t, stderr.Bytes())
	if len(perPackage) < 50 {
		t.Fatalf("init trace lists only %d packages; GODEBUG=inittrace=1 not honoured?\n%s", len(perPackage), stderr.Bytes())
	}
	if total > maxInitBytes {
		names := make([]string, 0, len(perPackage))
		for name := range perPackage {
			names = append(names, name)
		}
		sort.Slice(names, func(i, j int) bool { return perPackage[names[i]] > perPackage[names[j]] })
		var top strings.Builder
		for _, name := range names[:min(8, len(names))] {
			top.WriteString("\n  " + name + " " + strconv.FormatInt(perPackage[name], 10) + " B")
		}
		t.Errorf("package initialisation allocates %d bytes at every start, over the %d bound; largest:%s", total, maxInitBytes, top.String())
	}
	t.Logf("package initialisation: %d bytes in %d packages", total, len(perPackage))
}

// initAllocations reads lines such as
// "init fyne.io/fyne/v2/lang @1.2 ms, 2.6 ms clock, 930840 bytes, 12014 allocs".
func initAllocations(t *testing.T, trace []byte) (int64, map[string]int64) {
	t.Helper()
	perPackage := map[string]int64{}
	var total int64
	sc := bufio.NewScanner(bytes.NewReader(trace))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 10 || f[0] != "init" || f[8] != "bytes," {
			continue
		}
		n, err := strconv.ParseInt(f[7], 10, 64)
		if err != nil {
			t.Fatalf("init trace line %q: %v", sc.Text(), err)
		}
		perPackage[f[1]] += n
		total += n
	}
	return total, perPackage
}
