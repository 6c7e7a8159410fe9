package article

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"byline/annotate"
)

// drawChooser shows the numbered relation types under the tail span.
func (r *textRenderer) drawChooser() {
	e := r.t.ed
	if e.mode.kind != modeRelType {
		return
	}
	a, ok := r.entityAnchor(e.mode.tail)
	if !ok || a.line < r.first || a.line > r.last {
		return
	}
	lay := r.t.lay
	met := lay.met
	rows := make([]string, 0, len(e.mode.types))
	w := float32(0)
	for i, rt := range e.mode.types {
		if i >= 9 {
			break
		}
		// "↔" falls back to an emoji font on some systems; words read better.
		dir := "→"
		if rt.Symmetric {
			dir = "(either way)"
		}
		s := fmt.Sprintf("%d  %s %s", i+1, rt.Name, dir)
		rows = append(rows, s)
		w = max(w, fyne.MeasureText(s, met.textSize, fyne.TextStyle{}).Width)
	}
	rowH := met.textH + 4
	w += 16
	h := rowH*float32(len(rows)) + 8
	x := max(padX, min(a.x-w/2, lay.width-padX-w))
	y := lay.quoteTop(a.line) + quoteBand
	box := r.rect(&r.over, x, y, w, h, r.pal.overlay)
	box.StrokeColor, box.StrokeWidth, box.CornerRadius = r.pal.focus, 1.5, 4
	for i, s := range rows {
		ry := y + 4 + float32(i)*rowH
		r.text(&r.over, s, x+8, ry+2, met.textSize, r.pal.fg, false)
		r.t.hits = append(r.t.hits, hitRegion{pos: fyne.NewPos(x, ry), size: fyne.NewSize(w, rowH), kind: hitChooser, n: i})
	}
}

// drawTooltip describes the hovered annotation: label or kind, annotator and
// time, below its first word.
func (r *textRenderer) drawTooltip() {
	e := r.t.ed
	// While the relation types are offered, a tooltip would cover them.
	if e.hover.IsZero() || e.mode.kind == modeRelType {
		return
	}
	lines := r.tooltipLines(e.hover)
	toks := e.refTokens(e.hover)
	if len(lines) == 0 || toks.empty() {
		return
	}
	lay := r.t.lay
	met := lay.met
	li := int(lay.tokLn[toks.first])
	if li < r.first || li > r.last {
		return
	}
	size := met.tagSize + 1
	lh := fyne.MeasureText("Ág", size, fyne.TextStyle{}).Height
	w := float32(0)
	for _, s := range lines {
		w = max(w, fyne.MeasureText(s, size, fyne.TextStyle{}).Width)
	}
	w += 12
	h := lh*float32(len(lines)) + 8
	pos, _ := lay.tokenRect(toks.first)
	x := max(2, min(pos.X, lay.width-w-2))
	y := lay.quoteTop(li) + quoteBand
	box := r.rect(&r.over, x, y, w, h, r.pal.overlay)
	box.StrokeColor, box.StrokeWidth, box.CornerRadius = r.pal.border, 1, 3
	for i, s := range lines {
		r.text(&r.over, s, x+6, y+4+float32(i)*lh, size, r.pal.fg, i == 0)
	}
}

func (r *textRenderer) tooltipLines(ref Ref) []string {
	m := r.t.ed.m
	who := func(name string, s string) string {
		if name == "" {
			name = "unknown"
		}
		if s == "" {
			return "by " + name
		}
		return "by " + name + ", " + s
	}
	switch ref.Kind {
	case KindEntity:
		ent, _ := m.entity(ref.ID)
		if ent == nil {
			return nil
		}
		out := []string{ent.Label + ": " + annotate.Snippet(ent.Text, 40), who(ent.Annotator, stamp(ent.Updated))}
		if a := r.t.ed.ActorOf(ent); a != nil {
			out = append(out, "actor: "+annotate.Snippet(a.Name, 40))
		}
		return withNote(out, ent.Note)
	case KindQuote:
		q := m.quote(ref.ID)
		if q == nil {
			return nil
		}
		speaker, cue := "none", "none"
		if s, _ := m.entity(q.SpeakerID); s != nil {
			speaker = s.Text
		}
		if q.Cue != nil {
			cue = q.Cue.Text
		}
		out := []string{fmt.Sprintf("Quote (%s), %d part(s)", q.Kind, len(q.Content)),
			"speaker: " + annotate.Snippet(speaker, 30) + ", cue: " + annotate.Snippet(cue, 20),
			who(q.Annotator, stamp(q.Updated))}
		return withNote(out, q.Note)
	case KindRelation:
		rel := m.relation(ref.ID)
		if rel == nil {
			return nil
		}
		h, _ := m.entity(rel.HeadID)
		t, _ := m.entity(rel.TailID)
		if h == nil || t == nil {
			return nil
		}
		out := []string{fmt.Sprintf("%s: %s → %s", rel.Type, annotate.Snippet(h.Text, 25), annotate.Snippet(t.Text, 25)),
			who(rel.Annotator, stamp(rel.Updated))}
		return withNote(out, rel.Note)
	}
	return nil
}

func withNote(lines []string, note string) []string {
	if note = strings.TrimSpace(note); note != "" {
		lines = append(lines, "note: "+annotate.Snippet(note, 50))
	}
	return lines
}

// stamp formats a change time for the tooltip in local time.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2006-01-02 15:04")
}
