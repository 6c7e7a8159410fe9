package suggest

import (
	"fmt"
	"os"
	"testing"
)

func TestZZDebugEval(t *testing.T) {
	if os.Getenv("EVALDEBUG") == "" {
		t.Skip()
	}
	e := New(nil, nil)
	for _, gold := range evalRecords(t) {
		pred := Record(gold.ID, gold.Text, e.Suggest(gold.Text, nil, nil, All), "x")
		fmt.Println("==", gold.ID)
		for _, g := range gold.Quotes {
			sp := entityByID(gold, g.Speaker)
			best := -1
			for i, p := range pred.Quotes {
				if contentOverlap(p.Content, g.Content) > 0 {
					best = i
				}
			}
			gs, gc := "-", "-"
			if sp != nil {
				gs = sp.Text
			}
			if g.Cue != nil {
				gc = g.Cue.Text
			}
			if best < 0 {
				fmt.Printf("MISS %q cue=%s sp=%s\n", g.Content[0].Text, gc, gs)
				continue
			}
			p := pred.Quotes[best]
			ps, pc := "-", "-"
			if s := entityByID(pred, p.Speaker); s != nil {
				ps = s.Text
			}
			if p.Cue != nil {
				pc = p.Cue.Text
			}
			if pc != gc || !sameSpeaker(entityByID(pred, p.Speaker), sp) {
				fmt.Printf("DIFF %q\n   gold cue=%s sp=%s | pred cue=%s sp=%s\n", g.Content[0].Text, gc, gs, pc, ps)
			}
		}
		for _, p := range pred.Quotes {
			hit := false
			for _, g := range gold.Quotes {
				if contentOverlap(p.Content, g.Content) > 0 {
					hit = true
				}
			}
			if !hit {
				fmt.Printf("EXTRA %q\n", p.Content[0].Text)
			}
		}
	}
}
