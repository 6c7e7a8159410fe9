package article

import (
	"fmt"
	"strings"
	"testing"

	"byline/annotate"
)

var (
	chooserFirst = []string{"Sergei", "Antony", "Olaf", "Emmanuel", "Recep", "Zoë", "Hakan", "Ursula", "Jens", "Kaja"}
	chooserLast  = []string{"Lavrov", "Blinken", "Scholz", "Macron", "Erdoğan", "Martínez", "Fidan", "von der Leyen",
		"Stoltenberg", "Kallas", "Kuleba", "Baerbock", "Wałęsa", "Søren"}
)

// importActors stores n actors (accented names, one alias each) through
// the store's import, 1,000 to a record.
func importActors(b *testing.B, h *harness, n int) {
	for from := 0; from < n; from += 1000 {
		rec := &annotate.Record{Text: fmt.Sprintf("Registry part %d.", from)}
		for i := from; i < min(from+1000, n); i++ {
			last := chooserLast[(i/len(chooserFirst))%len(chooserLast)]
			rec.Actors = append(rec.Actors, annotate.RecordActor{ID: fmt.Sprintf("A%d", i),
				Name: fmt.Sprintf("%s %s %d", chooserFirst[i%len(chooserFirst)], last, i), Label: "PERSON",
				Aliases: []string{fmt.Sprintf("%s %d", last, i)}})
		}
		h.importRecord(rec)
	}
}

// chooserKeystrokes are typed into the chooser one after the other; the
// filter is cleared (untimed) after each word.
var chooserKeystrokes = []string{"sergei lavrov", "erdog", "martinez 1", "zoe", "von der", "walesa 77", "soren"}

// BenchmarkActorChooserKeystroke types one character into the actor
// chooser's filter on a mention, with 5,000, 10,000 and 20,000 actors in
// the registry (read from the store once, when the chooser opened).
// Timed: the Entry's handling of the rune, the fuzzy accent-insensitive
// filter over every name and alias, the rows rebuilt and the list
// redrawn. Each iteration types the next character and checks that the
// first row holds what was typed. Run with -tags sqlite for the SQLite
// store (the store is read before the timer starts either way).
func BenchmarkActorChooserKeystroke(b *testing.B) {
	for _, n := range []int{5000, 10000, 20000} {
		b.Run(fmt.Sprintf("actors=%d", n), func(b *testing.B) {
			h := newHarness(b, actorText)
			importActors(b, h, n)
			h.dragWords("Sergei", "Lavrov")
			h.typeKeys("1")
			c := h.chooser()
			if got := len(h.ed.actors.list); got != n {
				b.Fatalf("%d actors read, want %d", got, n)
			}
			word, pos := 0, 0
			b.ResetTimer()
			for b.Loop() {
				w := chooserKeystrokes[word]
				c.filter.TypedRune(rune(w[pos]))
				pos++
				b.StopTimer()
				typed := annotate.FoldName(w[:pos])
				if len(c.rows) < 2 || !strings.Contains(annotate.FoldName(c.rows[0].actor.Name+" "+c.rows[0].name), strings.Fields(typed)[0]) {
					b.Fatalf("%q: first row %v", w[:pos], rowNames(c)[:1])
				}
				if pos == len(w) {
					word, pos = (word+1)%len(chooserKeystrokes), 0
					c.filter.SetText("")
				}
				b.StartTimer()
			}
		})
	}
}
