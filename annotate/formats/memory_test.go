package formats

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"
)

// peakHeap exports docs documents and returns the largest live heap seen
// while it ran (sampled through the progress callback).
func peakHeap(t *testing.T, format string, docs int) (peak uint64, calls int) {
	src := newBenchSource(docs)
	runtime.GC()
	var ms runtime.MemStats
	opt := Options{Format: format, Out: filepath.Join(t.TempDir(), "out"), Progress: func(n int) {
		calls++
		if n%1000 == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak {
				peak = ms.HeapAlloc
			}
		}
	}}
	if _, err := Export(context.Background(), src, opt); err != nil {
		t.Fatal(err)
	}
	return peak, calls
}

// Exports stream: the live heap while exporting 20,000 documents is no
// larger than while exporting 2,000 (give or take a few buffers).
func TestExportMemoryIsFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("exports 22,000 documents per format")
	}
	for _, format := range []string{"byline", "prodigy", "labelstudio", "hf"} {
		small, calls := peakHeap(t, format, 2000)
		if calls != 2000/progressEvery+1 {
			t.Errorf("%s: progress called %d times for 2000 documents", format, calls)
		}
		large, _ := peakHeap(t, format, 20000)
		if large > small+4<<20 {
			t.Errorf("%s: live heap grew from %d KB (2,000 documents) to %d KB (20,000)", format, small>>10, large>>10)
		}
	}
}
