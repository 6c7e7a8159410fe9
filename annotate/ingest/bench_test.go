package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"byline/annotate"
	"byline/annotate/annotatetest"
)

// benchPage builds a news page of about size bytes: head metadata, a large
// inline script, navigation, an article of prose paragraphs with ads and
// share widgets between them, a sidebar and a comments section.
func benchPage(size int) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ministers meet in Geneva | The Daily Ledger</title>
<meta property="og:title" content="Ministers meet in Geneva"><meta property="og:site_name" content="The Daily Ledger">
<meta property="article:published_time" content="2023-05-26T09:15:00+02:00"><link rel="canonical" href="https://ledger.example.com/a">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ministers meet in Geneva","author":{"name":"Maria Keller"}}</script><script>`)
	b.WriteString(strings.Repeat("var tracker = {id: 12345, events: ['view', 'scroll']}; ", 300))
	b.WriteString(`</script></head><body><header><nav><ul>`)
	for i := 0; i < 80; i++ {
		fmt.Fprintf(&b, `<li><a href="/section/%d">Section %d</a></li>`, i, i)
	}
	b.WriteString(`</ul></nav></header><main><article><h1>Ministers meet in Geneva</h1>`)
	body := size * 3 / 5
	for i := 0; b.Len() < body; i++ {
		fmt.Fprintf(&b, `<p>Paragraph %d: the Swiss foreign minister, Ignazio Cassis, told reporters outside the Palais des Nations that “talks will continue”, according to a statement, and that delegations from Qatar, Norway and the United Nations had joined the meeting on <a href="/t/%d">Tuesday</a>.</p>`, i, i)
		if i%8 == 7 {
			b.WriteString(`<div class="ad-slot"><span>Advertisement</span></div><div class="share-bar"><a href="#">Facebook</a> <a href="#">Twitter</a></div><p>Read more: <a href="/x">Earlier talks collapsed in March</a></p>`)
		}
	}
	b.WriteString(`</article><aside class="sidebar"><h3>Most read</h3><ol>`)
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&b, `<li><a href="/most/%d">Most read story number %d</a></li>`, i, i)
	}
	b.WriteString(`</ol></aside><section id="comments"><h2>Comments (120)</h2>`)
	for i := 0; b.Len() < size-200; i++ {
		fmt.Fprintf(&b, `<article class="comment"><p>Comment %d: finally some good news from Geneva, let us hope it lasts.</p></article>`, i)
	}
	b.WriteString(`</section></main><footer><p>© 2023 The Daily Ledger</p></footer></body></html>`)
	return []byte(b.String())
}

// BenchmarkHTMLRead reads one page of 200 KB whose article is most of it
// (about 120 KB of prose): decoding, parsing, metadata, extraction, debris.
func BenchmarkHTMLRead(b *testing.B) {
	page := benchPage(200 << 10)
	opt := annotate.ReadOptions{ExternalID: "bench.html"}
	b.SetBytes(int64(len(page)))
	var rec *annotate.Record
	for b.Loop() {
		recs, err := HTMLReader{}.Read("bench.html", page, opt)
		if err != nil {
			b.Fatal(err)
		}
		rec = recs[0]
	}
	if strings.Contains(rec.Text, "Comment 1:") || strings.Contains(rec.Text, "Section 3") || !strings.Contains(rec.Text, "Paragraph 100:") {
		b.Fatal("benchmark page was not extracted as expected")
	}
	b.ReportMetric(float64(len(rec.Debris)), "debris-lines")
}

// BenchmarkTextRead is one plain-text article of about 5 KB through the
// wired text reader (UTF-8 check, NFC, debris), the per-file cost of a large
// folder import.
func BenchmarkTextRead(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("Port strike enters second week\n\nAdvertisement\n\n")
	for sb.Len() < 5000 {
		sb.WriteString("ROTTERDAM — Dock workers at the Port of Rotterdam extended their strike into a second week on Monday, leaving more than 40 container ships waiting off the Dutch coast, the union said.\n\n")
	}
	sb.WriteString("Share this article\nComments (0)\nhttps://example.org/newsletter\n")
	data := []byte(sb.String())
	reader := Readers()[1]
	opt := annotate.ReadOptions{ExternalID: "a.txt"}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := reader.Read("a.txt", data, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// realPages loads testdata/real, each page weighed to a saved page's size.
func realPages(b *testing.B) (names []string, pages [][]byte, total int64) {
	b.Helper()
	files, err := filepath.Glob("testdata/real/*.html")
	if err != nil || len(files) == 0 {
		b.Fatalf("no pages: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		page := annotatetest.WeighPage(data)
		names, pages, total = append(names, filepath.Base(f)), append(pages, page), total+int64(len(page))
	}
	return names, pages, total
}

// BenchmarkHTMLReadPages reads the pages of testdata/real, each weighed to
// about 170 KB, one after another; one op is one page (a different one each
// time, its text checked). The timed region is HTMLReader.Read: decoding,
// parsing, metadata, extraction and debris flagging. 181 pages at this rate
// on one core is the import's extraction cost. cpu-ms/page is the process's
// CPU time per page (garbage collection included), steadier than wall time
// on a shared machine.
func BenchmarkHTMLReadPages(b *testing.B) {
	names, pages, total := realPages(b)
	b.SetBytes(total / int64(len(pages)))
	i := 0
	cpu := annotatetest.ProcessCPU()
	for b.Loop() {
		k := i % len(pages)
		recs, err := HTMLReader{}.Read(names[k], pages[k], annotate.ReadOptions{StripDebris: true})
		if err != nil || len(recs) != 1 || recs[0].Text == "" {
			b.Fatalf("%s: %v", names[k], err)
		}
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(i), "ms/page")
	b.ReportMetric(float64((annotatetest.ProcessCPU()-cpu).Microseconds())/1000/float64(i), "cpu-ms/page")
}

// BenchmarkHTMLReadPagesParallel is BenchmarkHTMLReadPages from as many
// goroutines as there are cores: HTMLReader.Read is safe to call
// concurrently, and the figure is the per-page cost with every core busy.
func BenchmarkHTMLReadPagesParallel(b *testing.B) {
	names, pages, total := realPages(b)
	b.SetBytes(total / int64(len(pages)))
	var next atomic.Int64
	cpu := annotatetest.ProcessCPU()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			k := int(next.Add(1)) % len(pages)
			recs, err := HTMLReader{}.Read(names[k], pages[k], annotate.ReadOptions{StripDebris: true})
			if err != nil || len(recs) != 1 || recs[0].Text == "" {
				b.Errorf("%s: %v", names[k], err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(next.Load()), "ms/page")
	b.ReportMetric(float64((annotatetest.ProcessCPU()-cpu).Microseconds())/1000/float64(next.Load()), "cpu-ms/page")
}

// BenchmarkHTMLReadGrowth reads pages of 100 KB to 1.6 MB built by
// benchPage (the article is about 60 % of each, 300-character paragraphs) to
// show how the cost grows with the page: up to maxParagraphs the extractor's
// cost grows faster than the page, bounded; beyond it, linearly.
func BenchmarkHTMLReadGrowth(b *testing.B) {
	for _, kb := range []int{100, 200, 400, 800, 1600} {
		b.Run(fmt.Sprintf("%dKB", kb), func(b *testing.B) {
			page := benchPage(kb << 10)
			b.SetBytes(int64(len(page)))
			cpu, n := annotatetest.ProcessCPU(), 0
			for b.Loop() {
				if _, err := (HTMLReader{}).Read("bench.html", page, annotate.ReadOptions{}); err != nil {
					b.Fatal(err)
				}
				n++
			}
			b.ReportMetric(float64((annotatetest.ProcessCPU()-cpu).Microseconds())/1000/float64(n), "cpu-ms/op")
		})
	}
}
