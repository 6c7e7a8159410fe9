package article

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"byline/annotate"
)

const actorText = "Russian Foreign Minister Sergei Lavrov met Hakan Fidan in Geneva. " +
	"“We are ready,” Lavrov told reporters, and he left. Fidan said Ankara would wait."

// newActorHarness opens actorText with PERSON spans on the names and the
// pronoun, and a registry of three actors.
func newActorHarness(t *testing.T) (*harness, map[string]int64) {
	t.Helper()
	h := newHarness(t, actorText)
	h.dragWords("Sergei", "Lavrov")
	h.typeKeys("1")
	for _, w := range []struct {
		word string
		n    int
	}{{"Lavrov", 1}, {"he", 0}, {"Fidan", 1}} {
		h.click(w.word, w.n)
		h.typeKeys("1")
	}
	h.dragWords("Hakan", "Fidan")
	h.typeKeys("1")
	ids := map[string]int64{}
	for _, a := range []annotate.Actor{
		{Name: "Sergei Lavrov", Label: "PERSON", Aliases: []string{"Sergey Lavrov"}},
		{Name: "Sergey Brin", Label: "PERSON"},
		{Name: "Hakan Fidan", Label: "PERSON", KBID: "Q1000"},
	} {
		if err := h.store.CreateActor(context.Background(), &a); err != nil {
			t.Fatal(err)
		}
		ids[a.Name] = a.ID
	}
	h.noErrors()
	return h, ids
}

// selectMention selects the n-th stored entity whose text is text.
func (h *harness) selectMention(text string, n int) annotate.Entity {
	h.t.Helper()
	for _, e := range h.stored().Entities {
		if e.Text == text {
			if n == 0 {
				h.ed.Select(Ref{KindEntity, e.ID})
				h.ed.Focus()
				return e
			}
			n--
		}
	}
	h.t.Fatalf("no mention %q", text)
	return annotate.Entity{}
}

// chooser presses L and returns the open chooser with its rows filled.
func (h *harness) chooser() *actorChooser {
	h.t.Helper()
	h.typeKeys("l")
	c := h.ed.chooser
	if c == nil || !c.popup.Visible() {
		h.t.Fatalf("L opened no chooser (status %q)", h.lastStatus())
	}
	if f := h.win.Canvas().Focused(); f != c.filter {
		h.t.Fatalf("focus is on %T, not the chooser's filter", f)
	}
	return c
}

// rowNames lists the chooser's rows as their actors' names ("+" for the
// create row).
func rowNames(c *actorChooser) []string {
	var out []string
	for _, r := range c.rows {
		if r.actor == nil {
			out = append(out, "+")
		} else {
			out = append(out, r.actor.Name)
		}
	}
	return out
}

// shiftKey presses a key with Shift held, as the driver reports it: Shift
// goes down and up as its own key.
func (h *harness) shiftKey(name fyne.KeyName) {
	f := h.win.Canvas().Focused()
	f.(desktop.Keyable).KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	f.TypedKey(&fyne.KeyEvent{Name: name})
	f.(desktop.Keyable).KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	h.ed.Flush()
}

func (h *harness) typeInto(s string) {
	f := h.win.Canvas().Focused()
	for _, r := range s {
		f.TypedRune(r)
	}
	h.ed.Flush()
}

func (h *harness) actorOf(id int64) int64 {
	h.t.Helper()
	for _, e := range h.stored().Entities {
		if e.ID == id {
			return e.ActorID
		}
	}
	h.t.Fatalf("entity %d is gone", id)
	return 0
}

func TestActorChooserProposesSameNameAndLinksWithEnter(t *testing.T) {
	h, ids := newActorHarness(t)
	ent := h.selectMention("Sergei Lavrov", 0)
	c := h.chooser()
	got := rowNames(c)
	if len(got) < 2 || got[0] != "Sergei Lavrov" || c.rows[0].why != "same name" || got[len(got)-1] != "+" {
		t.Fatalf("rows = %v (first why %q), want Sergei Lavrov proposed first and the create row last", got, c.rows[0].why)
	}
	h.key(fyne.KeyReturn)
	if h.ed.ChooserOpen() {
		t.Error("the chooser stayed open after Enter")
	}
	if got := h.actorOf(ent.ID); got != ids["Sergei Lavrov"] {
		t.Fatalf("stored actor = %d, want %d", got, ids["Sergei Lavrov"])
	}
	if h.win.Canvas().Focused() != h.tv() {
		t.Error("the text did not get the keys back")
	}
	if !strings.Contains(h.lastStatus(), "Sergei Lavrov") {
		t.Errorf("status = %q", h.lastStatus())
	}
	// Ctrl+Z unlinks it again, in the store.
	h.shortcut(&fyne.ShortcutUndo{})
	if got := h.actorOf(ent.ID); got != 0 {
		t.Errorf("after undo the mention links to %d", got)
	}
	h.noErrors()
}

func TestActorChooserProposalsForLaterMentions(t *testing.T) {
	h, ids := newActorHarness(t)
	first := h.selectMention("Sergei Lavrov", 0)
	h.chooser()
	h.key(fyne.KeyReturn)
	if h.actorOf(first.ID) != ids["Sergei Lavrov"] {
		t.Fatal("first link failed")
	}
	// "Lavrov": an actor linked in this article with that word in its name.
	lavrov := h.selectMention("Lavrov", 0)
	c := h.chooser()
	if got := rowNames(c); got[0] != "Sergei Lavrov" || c.rows[0].why == "" {
		t.Fatalf("rows for Lavrov = %v", got)
	}
	h.key(fyne.KeyEnter)
	// "he": the nearest earlier linked mention's actor.
	he := h.selectMention("he", 0)
	c = h.chooser()
	if got := rowNames(c); got[0] != "Sergei Lavrov" || c.rows[0].why != "nearest earlier mention" {
		t.Fatalf("rows for he = %v (%q)", got, c.rows[0].why)
	}
	h.key(fyne.KeyReturn)
	for _, id := range []int64{first.ID, lavrov.ID, he.ID} {
		if got := h.actorOf(id); got != ids["Sergei Lavrov"] {
			t.Errorf("mention %d links to %d", id, got)
		}
	}
	h.noErrors()
}

func TestActorChooserFilterAndArrowKeys(t *testing.T) {
	h, ids := newActorHarness(t)
	ent := h.selectMention("Fidan", 0)
	c := h.chooser()
	// Accent- and case-insensitive, fuzzy: "SERG" matches both Sergeis.
	h.typeInto("SERG")
	if got := rowNames(c); len(got) != 3 || got[0] != "Sergei Lavrov" || got[1] != "Sergey Brin" || got[2] != "+" {
		t.Fatalf("rows for SERG = %v", got)
	}
	h.key(fyne.KeyDown)
	h.key(fyne.KeyDown)
	h.key(fyne.KeyDown) // stays on the last row
	h.key(fyne.KeyUp)
	if c.cur != 1 {
		t.Fatalf("highlighted row %d, want 1", c.cur)
	}
	h.key(fyne.KeyReturn)
	if got := h.actorOf(ent.ID); got != ids["Sergey Brin"] {
		t.Fatalf("linked to %d, want Sergey Brin %d", got, ids["Sergey Brin"])
	}
	// The alias matches too, and names it.
	ent2 := h.selectMention("Lavrov", 0)
	c = h.chooser()
	h.typeInto("sergey lav")
	if len(c.rows) != 2 || c.rows[0].actor.ID != ids["Sergei Lavrov"] || c.rows[0].name != "Sergey Lavrov" {
		t.Fatalf("rows for the alias = %v", rowNames(c))
	}
	h.key(fyne.KeyReturn)
	if got := h.actorOf(ent2.ID); got != ids["Sergei Lavrov"] {
		t.Fatalf("linked to %d", got)
	}
	h.noErrors()
}

func TestActorChooserShiftEnterCreatesActorFromMention(t *testing.T) {
	h, _ := newActorHarness(t)
	ent := h.selectMention("Hakan Fidan", 0)
	h.store.DeleteActor(context.Background(), 3) // no Hakan Fidan in the registry
	h.chooser()
	h.shiftKey(fyne.KeyReturn)
	if h.ed.ChooserOpen() {
		t.Error("the chooser stayed open")
	}
	id := h.actorOf(ent.ID)
	a, err := h.store.FindActor(context.Background(), id)
	if err != nil {
		t.Fatalf("mention links to %d: %v", id, err)
	}
	if a.Name != "Hakan Fidan" || a.Label != "PERSON" {
		t.Errorf("created %+v, want Hakan Fidan PERSON", a)
	}
	// The next mention is offered the new actor first.
	h.selectMention("Fidan", 0)
	c := h.chooser()
	if got := rowNames(c); got[0] != "Hakan Fidan" {
		t.Errorf("rows = %v", got)
	}
	h.noErrors()
}

func TestActorChooserCreateRowUsesTypedName(t *testing.T) {
	h, _ := newActorHarness(t)
	ent := h.selectMention("he", 0)
	c := h.chooser()
	h.typeInto("Jens Stoltenberg")
	if got := rowNames(c); len(got) != 1 || !strings.Contains(c.rowText(c.rows[0]), "Create actor “Jens Stoltenberg” (PERSON)") {
		t.Fatalf("rows = %v %q", got, c.rowText(c.rows[0]))
	}
	// A click on the create row.
	c.list.Select(0)
	h.ed.Flush()
	a, err := h.store.FindActor(context.Background(), h.actorOf(ent.ID))
	if err != nil || a.Name != "Jens Stoltenberg" {
		t.Fatalf("created %+v, %v", a, err)
	}
	h.noErrors()
}

func TestActorChooserEscLinksNothing(t *testing.T) {
	h, _ := newActorHarness(t)
	ent := h.selectMention("Sergei Lavrov", 0)
	h.chooser()
	h.typeInto("brin")
	h.key(fyne.KeyEscape)
	if h.ed.ChooserOpen() {
		t.Fatal("Esc left the chooser open")
	}
	if h.win.Canvas().Focused() != h.tv() {
		t.Fatal("the text did not get the keys back")
	}
	if got := h.actorOf(ent.ID); got != 0 {
		t.Errorf("Esc linked actor %d", got)
	}
	if h.ed.Selected() != (Ref{KindEntity, ent.ID}) {
		t.Error("Esc in the chooser also cleared the selection")
	}
	if !strings.Contains(h.lastStatus(), "unchanged") {
		t.Errorf("status = %q", h.lastStatus())
	}
	h.noErrors()
}

func TestActorChooserNeedsMention(t *testing.T) {
	h, _ := newActorHarness(t)
	h.ed.Select(Ref{})
	h.ed.Focus()
	h.typeKeys("l")
	if h.ed.chooser != nil {
		t.Fatal("L without a selected mention opened the chooser")
	}
	if !strings.Contains(h.lastStatus(), "press L") {
		t.Errorf("status = %q", h.lastStatus())
	}
}

func TestLinkedMentionsShowActor(t *testing.T) {
	h, ids := newActorHarness(t)
	first := h.selectMention("Sergei Lavrov", 0)
	h.chooser()
	h.key(fyne.KeyReturn)
	second := h.selectMention("Lavrov", 0)
	h.chooser()
	h.key(fyne.KeyReturn)
	if h.actorOf(second.ID) != ids["Sergei Lavrov"] {
		t.Fatal("not linked")
	}
	r := test.TempWidgetRenderer(t, h.tv()).(*textRenderer)
	lines := r.tooltipLines(Ref{KindEntity, first.ID})
	if !strings.Contains(strings.Join(lines, "\n"), "actor: Sergei Lavrov") {
		t.Errorf("tooltip = %q", lines)
	}
	// With one mention selected, the other is framed; link marks on both.
	h.ed.Select(Ref{KindEntity, first.ID})
	marks, frames := countActorMarks(r)
	if marks != 2 || frames != 1 {
		t.Errorf("%d link marks and %d peer frames, want 2 and 1", marks, frames)
	}
	h.ed.Select(Ref{})
	if _, frames := countActorMarks(r); frames != 0 {
		t.Errorf("%d peer frames with nothing selected", frames)
	}
}

// countActorMarks redraws and counts the link marks (round, stroked) and
// the thin peer frames.
func countActorMarks(r *textRenderer) (marks, frames int) {
	r.draw()
	for _, o := range r.marks {
		if rc, ok := o.(*canvasRect); ok && rc.StrokeWidth == 1 {
			switch {
			case rc.CornerRadius > 2:
				marks++
			case rc.StrokeColor == r.pal.focus:
				frames++
			}
		}
	}
	return marks, frames
}

func TestActorChooserMarksCurrentLink(t *testing.T) {
	h, ids := newActorHarness(t)
	ent := h.selectMention("Lavrov", 0)
	if err := h.ed.LinkActor(ent.ID, 0); err != nil { // nothing to unlink: no change
		t.Fatal(err)
	}
	h.chooser()
	h.typeInto("brin")
	h.key(fyne.KeyReturn)
	if h.actorOf(ent.ID) != ids["Sergey Brin"] {
		t.Fatal("not linked to Brin")
	}
	c := h.chooser()
	if c.rows[0].actor.ID != ids["Sergey Brin"] || c.rows[0].why != "linked now" {
		t.Errorf("first row %v (%q), want the current link", rowNames(c), c.rows[0].why)
	}
	if !strings.Contains(c.rowText(c.rows[0]), "linked now · PERSON · 1 mention") {
		t.Errorf("row reads %q", c.rowText(c.rows[0]))
	}
	// Enter on it changes nothing and says so.
	before := len(h.stored().Entities)
	h.key(fyne.KeyReturn)
	if h.actorOf(ent.ID) != ids["Sergey Brin"] || len(h.stored().Entities) != before {
		t.Error("re-linking the same actor changed the mention")
	}
	if !strings.Contains(h.lastStatus(), "already linked") {
		t.Errorf("status = %q", h.lastStatus())
	}
	h.noErrors()
}

func TestActorChooserWaitsForRegistry(t *testing.T) {
	h, ids := newActorHarness(t)
	h.selectMention("Sergei Lavrov", 0)
	// L: the registry read is queued, not yet delivered.
	h.tv().TypedRune('l')
	c := h.ed.chooser
	if c == nil || len(c.rows) != 0 || !strings.Contains(c.title.Text, "Reading") {
		t.Fatalf("before the registry arrives: rows %v, title %q", rowNames(c), c.title.Text)
	}
	// Shift+Enter before it arrives creates nothing.
	f := h.win.Canvas().Focused()
	f.(desktop.Keyable).KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	f.(desktop.Keyable).KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	h.ed.Flush()
	if list, _ := h.store.Actors(context.Background()); len(list) != 3 {
		t.Errorf("%d actors, want the 3 stored", len(list))
	}
	if rowNames(c)[0] != "Sergei Lavrov" || !strings.Contains(c.title.Text, "“Sergei Lavrov”") {
		t.Errorf("after the read: rows %v, title %q", rowNames(c), c.title.Text)
	}
	h.key(fyne.KeyReturn)
	if got := h.entity("Sergei Lavrov").ActorID; got != ids["Sergei Lavrov"] {
		t.Errorf("linked to %d", got)
	}
}

func TestActorChooserOnSpanNotYetStored(t *testing.T) {
	h, ids := newActorHarness(t)
	h.ed.ReloadActors() // the registry is in before the span is made
	h.ed.Flush()
	// Label and press L before the create commits: the span has a
	// provisional id, which the link must follow to the stored one.
	h.dragWords("Geneva", "Geneva")
	h.tv().TypedRune('1')
	h.tv().TypedRune('l')
	h.typeInto("fidan")
	h.key(fyne.KeyReturn)
	e := h.entity("Geneva")
	if e.ActorID != ids["Hakan Fidan"] {
		t.Errorf("the new span links to %d, want %d", e.ActorID, ids["Hakan Fidan"])
	}
	h.noErrors()
}

func TestActorReloadAskedDuringReadRunsAgain(t *testing.T) {
	h, _ := newActorHarness(t)
	h.ed.ReloadActors()
	h.ed.writes.wait() // read, not yet delivered
	late := annotate.Actor{Name: "Jens Stoltenberg", Label: "PERSON"}
	if err := h.store.CreateActor(context.Background(), &late); err != nil {
		t.Fatal(err)
	}
	h.ed.ReloadActors() // while the first read is still out
	h.ed.Flush()
	if h.ed.actors.actor(late.ID) == nil {
		t.Errorf("the registry copy misses the actor stored during the first read (%d actors)", len(h.ed.actors.list))
	}
	byName := h.ed.ActorsByName(nil)
	var names []string
	for _, a := range byName {
		names = append(names, a.Name)
	}
	if got := strings.Join(names, ", "); got != "Hakan Fidan, Jens Stoltenberg, Sergei Lavrov, Sergey Brin" {
		t.Errorf("by name: %s", got)
	}
}

// pressTab presses Tab (Shift+Tab with shift) as the desktop driver does: a
// focused widget that accepts Tab gets it as a key, else focus moves on.
func (h *harness) pressTab(shift bool) {
	cv := h.win.Canvas()
	if f, ok := cv.Focused().(fyne.Tabbable); ok && f.AcceptsTab() {
		if shift {
			h.shiftKey(fyne.KeyTab)
		} else {
			h.key(fyne.KeyTab)
		}
		return
	}
	if shift {
		cv.FocusPrevious()
	} else {
		cv.FocusNext()
	}
	h.ed.Flush()
}

// Esc closes the chooser wherever Tab put the focus inside it, and the
// text has the keys again: a label digit then relabels the mention.
func TestActorChooserEscAfterTab(t *testing.T) {
	// presses -1: the list has the focus at Esc, as a click can give it.
	for _, presses := range []int{1, 2, 3, -1} {
		t.Run(fmt.Sprintf("%d Tab", presses), func(t *testing.T) {
			h, _ := newActorHarness(t)
			ent := h.selectMention("Hakan Fidan", 0)
			c := h.chooser()
			for range presses {
				h.pressTab(false)
			}
			h.pressTab(true)
			h.pressTab(false)
			if !h.ed.ChooserOpen() || c.popup == nil {
				t.Fatal("Tab closed the chooser")
			}
			if f := h.win.Canvas().Focused(); f != c.filter {
				t.Fatalf("Tab moved the focus to %T, out of the filter", f)
			}
			if presses < 0 {
				h.win.Canvas().Focus(c.list)
			}
			h.key(fyne.KeyEscape)
			if h.ed.ChooserOpen() {
				t.Fatalf("Esc left the chooser open (focus on %T)", h.win.Canvas().Focused())
			}
			h.typeKeys("2")
			if got := h.entity("Hakan Fidan"); got.ID != ent.ID || got.Label != "ORG" {
				t.Fatalf("after Esc the digit gave %+v, want the mention relabelled ORG", got)
			}
			h.noErrors()
		})
	}
}

// However the chooser closes, the text view has the keys at once: the next
// label digit acts without another click first, even when the chooser was
// opened from elsewhere (the inspector's Link… button) while the text did
// not have the focus.
func TestActorChooserGivesKeysBackWhenClosed(t *testing.T) {
	tests := []struct {
		name  string
		close func(h *harness)
	}{
		{"Esc", func(h *harness) { h.key(fyne.KeyEscape) }},
		{"Enter", func(h *harness) { h.key(fyne.KeyReturn) }},
		{"click outside", func(h *harness) {
			c := h.ed.chooser
			pos, size := c.popup.Content.Position(), c.popup.Content.Size()
			outside := fyne.NewPos(pos.X+size.Width+20, pos.Y+size.Height/2)
			if cs := h.win.Canvas().Size(); outside.X >= cs.Width {
				outside.X = pos.X - 20
			}
			test.TapCanvas(h.win.Canvas(), outside)
			h.ed.Flush()
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h, _ := newActorHarness(t)
			ent := h.selectMention("Hakan Fidan", 0)
			h.win.Canvas().Unfocus() // the button took the click
			h.ed.OpenActorChooser()
			h.ed.Flush() // the registry is read
			if !h.ed.ChooserOpen() || h.win.Canvas().Focused() != h.ed.chooser.filter {
				t.Fatal("the chooser did not open with the focus in its filter")
			}
			tc.close(h)
			if h.ed.ChooserOpen() {
				t.Fatal("the chooser stayed open")
			}
			if f := h.win.Canvas().Focused(); f != h.tv() {
				t.Fatalf("focus on %T, not the text", f)
			}
			h.ed.Select(Ref{KindEntity, ent.ID}) // Enter may have moved on
			h.typeKeys("2")
			if got := h.entity("Hakan Fidan"); got.Label != "ORG" {
				t.Fatalf("the digit after closing left the mention %s", got.Label)
			}
			h.noErrors()
		})
	}
}
