package formats

import (
	"math"
	"strconv"
	"testing"
)

// TestAppendInt checks the short paths of appendInt against strconv around
// every boundary they have.
func TestAppendInt(t *testing.T) {
	check := func(n int) {
		if got, want := string(appendInt([]byte("x"), n)), "x"+strconv.Itoa(n); got != want {
			t.Fatalf("appendInt(%d) = %q, want %q", n, got, want)
		}
	}
	for n := -20; n <= 20_000; n++ {
		check(n)
	}
	for _, n := range []int{99_999, 100_000, 1 << 31, math.MaxInt, math.MinInt} {
		check(n)
	}
}
