package storage

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"byline/annotate"
	"byline/annotate/formats"
)

// Actor benchmark corpora: docs documents of about 1,200 code points with
// 10 entity mentions each, every mention linked to one of docs/5 actors
// (names with accents, each with an alias), and one quote per document
// spoken by its first mention. At 100,000 documents: 1,000,000 mentions,
// 20,000 actors, 100,000 quotes. Growth runs at a quarter and a half of
// that (1x, 2x, 4x).
var actorBenchSizes = []int{25_000, 50_000, 100_000}

var (
	benchFirst = []string{"Sergei", "Antony", "Olaf", "Emmanuel", "Recep", "Zoë", "Hakan", "Ursula", "Jens", "Kaja",
		"Dmytro", "Annalena", "Rishi", "Giorgia", "Pedro", "Mélanie", "Jürgen", "Łukasz", "Søren", "Ahmet"}
	benchLast = []string{"Lavrov", "Blinken", "Scholz", "Macron", "Erdoğan", "Martínez", "Fidan", "von der Leyen",
		"Stoltenberg", "Kallas", "Kuleba", "Baerbock", "Sunak", "Meloni", "Sánchez", "Joly", "Müller", "Wałęsa",
		"Kierkegaard", "Davutoğlu"}
)

// benchActorName is the name of actor i (1-based): first and last names
// with a number, so 20,000 names are distinct yet share their words, as a
// real registry's do.
func benchActorName(i int) (name, alias string) {
	last := benchLast[(i/len(benchFirst))%len(benchLast)]
	return fmt.Sprintf("%s %s %d", benchFirst[i%len(benchFirst)], last, i), fmt.Sprintf("%s %d", last, i)
}

// actorFixture builds (once) the actor corpus of docs documents.
func actorFixture(b *testing.B, docs int) string {
	path := filepath.Join(benchDir(b), fmt.Sprintf("actors-%d.db", docs))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".building"
	for _, s := range []string{"", "-wal", "-shm"} {
		os.Remove(tmp + s)
	}
	db, err := Open(tmp, Options{Create: true, DefaultSchema: defaultSchema(b), Annotator: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(13, uint64(docs)))
	var batch []*annotate.Record
	for i := range docs {
		title, text, ents := benchArticle(rng, exportSize, exportEntities)
		batch = append(batch, &annotate.Record{ID: fmt.Sprintf("doc-%06d", i), Text: text, Entities: ents,
			Meta: annotate.Meta{Title: title, Source: "wire", Published: fmt.Sprintf("2023-%02d-%02d", 1+i%12, 1+i%28)}})
		if len(batch) == 5000 || i == docs-1 {
			if _, err := db.ImportRecords(ctx, batch, annotate.ImportOptions{}); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	// The registry, the links and the quotes go in by SQL: building the
	// corpus is not what is measured.
	actors := docs / 5
	tx, err := db.begin(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for i := 1; i <= actors; i++ {
		name, alias := benchActorName(i)
		a := annotate.Actor{ID: int64(i), Name: name, Label: "PERSON", Aliases: []string{alias}, Created: tx.now, Updated: tx.now}
		if err := insertActor(ctx, tx, &a); err != nil {
			b.Fatal(err)
		}
	}
	for _, q := range []string{
		fmt.Sprintf(`UPDATE entities SET actor_id = (id * 7919) %% %d + 1`, actors),
		`INSERT INTO quotes(document_id, kind, speaker_id, cue_start, cue_end, cue_text, annotator, created, updated)
			SELECT id, 'direct', (SELECT min(e.id) FROM entities e WHERE e.document_id = documents.id), 0, 4, substr(text, 1, 4),
				'bench', imported_at, imported_at FROM documents`,
		`INSERT INTO quote_segments(quote_id, start, end, text)
			SELECT q.id, 5, 60, substr(d.text, 6, 55) FROM quotes q JOIN documents d ON d.id = q.document_id`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.commit("build"); err != nil {
		b.Fatal(err)
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}

// benchKeystrokes are what an analyst types into the actor chooser, one
// keystroke after the other: each iteration filters by the next prefix.
// The words of benchTypos hold a typo, which only the typo check matches.
var benchKeystrokes = func() []string {
	var out []string
	for _, word := range append([]string{"sergei lavrov", "erdog", "martinez 1", "zoe", "von der", "walesa 77", "jurgen mul"}, benchTypos...) {
		for i := 1; i <= len(word); i++ {
			out = append(out, word[:i])
		}
	}
	return out
}()

var benchTypos = []string{"lavorv", "stoltenbreg", "baerbok 4"}

// BenchmarkActorFilter measures one keystroke in the actor chooser: the
// fuzzy, accent-insensitive, typo-tolerant filter over the names and aliases
// of every actor, keeping the best 50. Timed: ActorIndex.Filter only. The actors are
// read from the SQLite store and indexed (once, when the chooser opens)
// before the timer starts; BenchmarkActorChooserOpen times that part.
func BenchmarkActorFilter(b *testing.B) {
	for _, docs := range actorBenchSizes {
		b.Run(fmt.Sprintf("actors=%d", docs/5), func(b *testing.B) {
			db := openFixture(b, actorFixture(b, docs))
			list, err := db.Actors(context.Background())
			if err != nil {
				b.Fatal(err)
			}
			ix := annotate.NewActorIndex(list)
			b.ReportAllocs()
			b.ResetTimer()
			cpu := startCPU()
			defer func() { b.ReportMetric(cpu.seconds()*1000/float64(b.N), "cpu-ms/op") }()
			for i := range b.N {
				q := benchKeystrokes[i%len(benchKeystrokes)]
				got := ix.Filter(q, 50)
				// The best match must hold what was typed, in order, unless
				// the word typed has a typo.
				if len(got) == 0 || !inOrder(annotate.FoldName(got[0].Name), annotate.FoldName(q)) && !typoPrefix(q) {
					b.Fatalf("%q: %d matches", q, len(got))
				}
			}
		})
	}
}

// BenchmarkActorChooserOpen reads every actor with its mention and quote
// counts from the SQLite store and indexes their names for the filter:
// what opening the chooser or the Actors tab costs. Timed: Actors and
// NewActorIndex. Each iteration renames one actor first (untimed), and
// checks the list shows the new name.
func BenchmarkActorChooserOpen(b *testing.B) {
	for _, docs := range actorBenchSizes {
		b.Run(fmt.Sprintf("actors=%d", docs/5), func(b *testing.B) {
			db := openFixture(b, actorFixture(b, docs))
			ctx := context.Background()
			cpu := startCPU()
			defer func() { b.ReportMetric(cpu.seconds()*1000/float64(b.N), "cpu-ms/op") }()
			for i := range b.N {
				b.StopTimer()
				name := fmt.Sprintf("Aaron Renamed %d", i)
				if _, err := db.UpdateActor(ctx, 1, annotate.ActorUpdate{Name: &name}); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				list, err := db.Actors(ctx)
				if err != nil {
					b.Fatal(err)
				}
				ix := annotate.NewActorIndex(list)
				if ix.Len() != docs/5 || list[0].Name != name {
					b.Fatalf("%d actors, first %q", ix.Len(), list[0].Name)
				}
			}
		})
	}
}

// BenchmarkActorQuotes lists one actor's quotes across the corpus, newest
// first, with each quote's document: what the Actors tab shows when an
// actor is selected. Timed: ActorQuotes for one actor. Each iteration asks
// for the next actor and checks every quote is that actor's.
func BenchmarkActorQuotes(b *testing.B) {
	for _, docs := range actorBenchSizes {
		b.Run(fmt.Sprintf("docs=%d", docs), func(b *testing.B) {
			db := openFixture(b, actorFixture(b, docs))
			ctx := context.Background()
			total := 0
			b.ResetTimer()
			cpu := startCPU()
			defer func() { b.ReportMetric(cpu.seconds()*1000/float64(b.N), "cpu-ms/op") }()
			for i := range b.N {
				id := int64(i%(docs/5) + 1)
				err := db.ActorQuotes(ctx, annotate.QuoteFilter{ActorID: id}, func(q *annotate.ActorQuote) error {
					if q.ActorID != id || len(q.Content) != 1 {
						return fmt.Errorf("quote %d of actor %d in the list of %d", q.QuoteID, q.ActorID, id)
					}
					total++
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(total)/float64(b.N), "quotes/op")
		})
	}
}

// BenchmarkQuotesCSV writes every attributed quote of the corpus as the
// "who said what" CSV of `byline quotes`, into io.Discard. Timed: the
// query, reading the rows and CSV encoding. Each iteration first changes
// one quote's speaker to another actor (untimed) and checks the row count.
func BenchmarkQuotesCSV(b *testing.B) {
	for _, docs := range actorBenchSizes {
		b.Run(fmt.Sprintf("docs=%d", docs), func(b *testing.B) {
			db := openFixture(b, actorFixture(b, docs))
			ctx := context.Background()
			cpu := startCPU()
			defer func() { b.ReportMetric(cpu.seconds()/float64(b.N), "cpu-s/op") }()
			for i := range b.N {
				b.StopTimer()
				if _, err := db.LinkMention(ctx, 1, int64(i%(docs/5)+1)); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				src := &countingQuotes{DB: db}
				if err := formats.WriteQuotes(ctx, src, annotate.QuoteFilter{}, "csv", io.Discard); err != nil {
					b.Fatal(err)
				}
				if src.n != docs {
					b.Fatalf("%d quotes written, want %d", src.n, docs)
				}
			}
		})
	}
}

// typoPrefix reports whether q is a prefix of one of benchTypos.
func typoPrefix(q string) bool {
	for _, w := range benchTypos {
		if strings.HasPrefix(w, q) {
			return true
		}
	}
	return false
}

// countingQuotes counts the quotes ActorQuotes hands on.
type countingQuotes struct {
	*DB
	n int
}

func (c *countingQuotes) ActorQuotes(ctx context.Context, f annotate.QuoteFilter, fn func(*annotate.ActorQuote) error) error {
	return c.DB.ActorQuotes(ctx, f, func(q *annotate.ActorQuote) error { c.n++; return fn(q) })
}

// inOrder reports whether the letters of query (spaces aside) appear in
// name in order.
func inOrder(name, query string) bool {
	for _, r := range strings.ReplaceAll(query, " ", "") {
		i := strings.IndexRune(name, r)
		if i < 0 {
			return false
		}
		name = name[i+len(string(r)):]
	}
	return true
}
