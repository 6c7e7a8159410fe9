package formats

import (
	"context"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"testing"
	"time"

	"byline/annotate"
	"byline/annotate/annotatetest"
)

// bigDocument is one news-like document of about mb megabytes with an
// entity every 20 tokens and a quote every 400 (the "very large document"
// of the export memory limit).
func bigDocument(mb float64) *annotate.Record {
	words := int(mb * (1 << 20) / 6.5) // LongArticle averages about 6.5 bytes a word
	rec := annotatetest.LongArticle(words, words/20)
	toks := annotate.Tokenize(rec.Text)
	for i := 0; i+30 < len(toks); i += 400 {
		seg := annotate.Segment{Start: toks[i+5].Start, End: toks[i+25].End}
		cue := annotate.Segment{Start: toks[i+27].Start, End: toks[i+27].End}
		rec.Quotes = append(rec.Quotes, annotate.RecordQuote{ID: "Q" + itoa(len(rec.Quotes)+1), Kind: annotate.QuoteIndirect,
			Content: []annotate.Segment{seg}, Cue: &cue, Speaker: rec.Entities[0].ID})
	}
	rec.Status = annotate.StatusDone
	return rec
}

// exportPeak exports rec alone in format and returns the peak heap in use
// while the export ran (the document itself included), sampled every
// millisecond, with the collector set to run at 10 % heap growth.
func exportPeak(tb testing.TB, rec *annotate.Record, format string) (peak, before uint64) {
	// Collect often, so the heap in use follows what is live rather than
	// the garbage the default pacing lets pile up to twice that.
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	before = ms.HeapInuse
	peak = before
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var s runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
			runtime.ReadMemStats(&s)
			if s.HeapInuse > peak {
				peak = s.HeapInuse
			}
		}
	}()
	opt := Options{Format: format, Out: filepath.Join(tb.TempDir(), "out")}
	_, err := Export(context.Background(), &memSource{recs: []*annotate.Record{rec}, schema: testSchema()}, opt)
	close(stop)
	wg.Wait()
	if err != nil {
		tb.Fatal(err)
	}
	runtime.ReadMemStats(&ms)
	return max(peak, ms.HeapInuse), before
}

// TestExportBigDocumentMemory exports one document of 1.25 and of 5 MB in
// every format: what the export adds to the heap grows linearly with the
// document (at most 5 times as much for 4 times the text, plus 16 MB of
// slack for the collector), never with its square, and stays under 10 times
// the text (the token exports stream their tokens rather than hold them:
// 40 bytes a token, one every 5 or 6 bytes of text, in several arrays, was
// 20 to 30 times the text).
func TestExportBigDocumentMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("exports a 5 MB document in every format")
	}
	small, large := bigDocument(1.25), bigDocument(5)
	for _, format := range Names() {
		p, b := exportPeak(t, small, format)
		s := p - b
		p, b = exportPeak(t, large, format)
		l := p - b
		t.Logf("%s: the export adds %d MB for %.2f MB of text, %d MB for %.2f MB", format, s>>20,
			float64(len(small.Text))/(1<<20), l>>20, float64(len(large.Text))/(1<<20))
		if l > 5*s+16<<20 {
			t.Errorf("%s: the export adds %d MB to the heap for a 5 MB document, %d MB for 1.25 MB: more than linear", format, l>>20, s>>20)
		}
		if l > 10*uint64(len(large.Text)) {
			t.Errorf("%s: the export adds %d MB to the heap for %.2f MB of text: over 10 times the text", format, l>>20, float64(len(large.Text))/(1<<20))
		}
	}
}

// BenchmarkExportBigDocument exports one document of 1.25, 2.5 and 5 MB in
// each format; the timed region is one whole export (reading the record
// from memory, writing the files and the manifest). It reports the peak
// heap in use during the export (the document included) in MB and as a
// multiple of the text's size (the aim is under 5x + 50 MB, 75 MB for 5 MB);
// it must grow linearly.
func BenchmarkExportBigDocument(b *testing.B) {
	for _, format := range Names() {
		for _, mb := range []float64{1.25, 2.5, 5} {
			rec := bigDocument(mb)
			b.Run(format+"/"+itoa(int(mb*100))+"e-2MB", func(b *testing.B) {
				var peak uint64
				for b.Loop() {
					p, _ := exportPeak(b, rec, format)
					peak = max(peak, p)
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
				b.ReportMetric(float64(peak)/float64(len(rec.Text)), "peak/text")
			})
		}
	}
}
