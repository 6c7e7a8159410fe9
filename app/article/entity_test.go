package article

import (
	"testing"

	"fyne.io/fyne/v2"
)

const summit = "Foreign ministers meet in Geneva\n\nGENEVA, March 14 (Wire) — Russian Foreign Minister Sergei Lavrov met his Turkish counterpart Hakan Fidan at the Palais des Nations on Thursday.\n\n“We are ready to work on a durable settlement, but not at any price,” Lavrov told reporters.\n"

func TestDragAndHotkeyCreatesEntity(t *testing.T) {
	h := newHarness(t, summit)
	h.dragWords("Sergei", "Lavrov")
	h.typeKeys("1")
	h.noErrors()
	e := h.entity("Sergei Lavrov")
	start, end := offsets(summit, "Sergei Lavrov", 0)
	if e.Start != start || e.End != end || e.Label != "PERSON" {
		t.Fatalf("entity = [%d,%d) %s, want [%d,%d) PERSON", e.Start, e.End, e.Label, start, end)
	}
	if got := h.ed.Selected(); got != (Ref{KindEntity, e.ID}) {
		t.Fatalf("selected %v, want the new entity", got)
	}
	// Once when the span shows, once when its stored id replaces the
	// provisional one.
	if h.changes != 2 {
		t.Fatalf("OnChanged called %d times, want 2", h.changes)
	}
}

func TestDragBackwardsAndAcrossLines(t *testing.T) {
	h := newHarness(t, summit)
	// From right to left: the selection is still whole words in text order.
	h.drag(h.at("Fidan", 0), h.at("Hakan", 0))
	h.typeKeys("1")
	h.entity("Hakan Fidan")
	// Across a paragraph break.
	h.drag(h.at("Thursday", 0), h.at("We", 0))
	h.typeKeys("7")
	h.noErrors()
	e := h.entity("Thursday.\n\n“We")
	if e.Label != "EVENT" {
		t.Fatalf("label %s", e.Label)
	}
}

func TestDoubleClickSelectsWord(t *testing.T) {
	h := newHarness(t, summit)
	h.multiClick("Geneva", 2)
	h.typeKeys("3")
	h.noErrors()
	e := h.entity("Geneva")
	start, _ := offsets(summit, "Geneva", 0)
	if e.Start != start || e.Label != "GPE" {
		t.Fatalf("got %+v", e)
	}
}

func TestShiftClickAndShiftArrowExtend(t *testing.T) {
	h := newHarness(t, summit)
	h.click("Palais", 0)
	h.clickShift("Nations")
	h.typeKeys("6")
	h.entity("Palais des Nations")

	h.click("durable", 0)
	h.tv().KeyDown(&fyne.KeyEvent{Name: "LeftShift"})
	h.key(fyne.KeyRight)
	h.tv().KeyUp(&fyne.KeyEvent{Name: "LeftShift"})
	h.typeKeys("7")
	h.noErrors()
	h.entity("durable settlement")
}

func TestEscapeClearsSelection(t *testing.T) {
	h := newHarness(t, summit)
	h.dragWords("Sergei", "Lavrov")
	h.key(fyne.KeyEscape)
	h.typeKeys("1")
	if n := len(h.stored().Entities); n != 0 {
		t.Fatalf("Esc did not clear the selection: %d entities", n)
	}
}

func TestRelabelDeleteUndoRedo(t *testing.T) {
	h := newHarness(t, summit)
	h.dragWords("Hakan", "Fidan")
	h.typeKeys("2")
	h.key(fyne.KeyEscape) // clear the selection of the new span
	h.click("Fidan", 0)
	if h.ed.Selected().Kind != KindEntity {
		t.Fatalf("click did not select the span: %v", h.ed.Selected())
	}
	h.typeKeys("1")
	if e := h.entity("Hakan Fidan"); e.Label != "PERSON" {
		t.Fatalf("relabel: %s", e.Label)
	}
	h.key(fyne.KeyDelete)
	if n := len(h.stored().Entities); n != 0 {
		t.Fatalf("delete left %d entities", n)
	}
	steps := []struct {
		do    func()
		label string // "" = no entity
	}{
		{func() { h.shortcut(&fyne.ShortcutUndo{}) }, "PERSON"},
		{func() { h.shortcut(&fyne.ShortcutUndo{}) }, "ORG"},
		{func() { h.shortcut(&fyne.ShortcutUndo{}) }, ""},
		{func() { h.shortcut(&fyne.ShortcutUndo{}) }, ""}, // nothing left to undo
		{func() { h.shortcut(ctrlShiftZ) }, "ORG"},
		{func() { h.shortcut(ctrlShiftZ) }, "PERSON"},
		{func() { h.shortcut(&fyne.ShortcutRedo{}) }, ""},
	}
	for i, s := range steps {
		s.do()
		ents := h.stored().Entities
		if s.label == "" {
			if len(ents) != 0 {
				t.Fatalf("step %d: want no entity, have %v", i, ents)
			}
		} else if len(ents) != 1 || ents[0].Label != s.label || ents[0].Text != "Hakan Fidan" {
			t.Fatalf("step %d: want %s, have %v", i, s.label, ents)
		}
		// The view shows what the store holds.
		if len(h.ed.Annotations().Entities) != len(ents) {
			t.Fatalf("step %d: view has %d entities, store %d", i, len(h.ed.Annotations().Entities), len(ents))
		}
	}
	h.noErrors()
}

func TestEmojiCyrillicAndRTL(t *testing.T) {
	text := "Мария Захарова 👩🏽‍💼 сказала: «Нет» 🇷🇺. Then שלום עולם and Zoë."
	h := newHarness(t, text)
	cases := []struct{ from, to, key, want, label string }{
		{"Мария", "Захарова", "1", "Мария Захарова", "PERSON"},
		{"👩🏽‍💼", "👩🏽‍💼", "5", "👩🏽‍💼", "NORP"},
		{"🇷🇺", "🇷🇺", "3", "🇷🇺", "GPE"},
		{"שלום", "עולם", "4", "שלום עולם", "LOC"},
		{"Zoë", "Zoë", "1", "Zoë", "PERSON"},
	}
	for _, c := range cases {
		h.key(fyne.KeyEscape)
		h.dragWords(c.from, c.to)
		h.typeKeys(c.key)
		e := h.entity(c.want)
		start, end := offsets(text, c.want, 0)
		if e.Start != start || e.End != end || e.Label != c.label {
			t.Errorf("%s: [%d,%d) %s, want [%d,%d) %s", c.want, e.Start, e.End, e.Label, start, end, c.label)
		}
	}
	h.noErrors()
}

func TestRightToLeftWordOrder(t *testing.T) {
	h := newHarness(t, "Then שלום עולם and.\n\nראש הממשלה נפגש עם Emmanuel Macron בפריז היום.")
	x := func(w string) float32 { return h.tv().lay.tokX[h.token(w, 0)] }
	cases := []struct{ left, right string }{
		{"Then", "עולם"}, {"עולם", "שלום"}, {"שלום", "and"}, // a Hebrew run inside English
		{"הממשלה", "ראש"}, {"Macron", "עם"}, {"Emmanuel", "Macron"}, {"היום", "בפריז"}, // a Hebrew paragraph
	}
	for _, c := range cases {
		if x(c.left) >= x(c.right) {
			t.Errorf("%s (x %.0f) should be left of %s (x %.0f)", c.left, x(c.left), c.right, x(c.right))
		}
	}
	// The Hebrew paragraph is aligned right.
	lay := h.tv().lay
	first := h.token("ראש", 0)
	if right := lay.tokX[first] + lay.tokW[first]; right < lay.width-2*padX-1 {
		t.Errorf("right-to-left line ends at %.0f of %.0f", right, lay.width-2*padX)
	}
}

func TestNestedSpans(t *testing.T) {
	h := newHarness(t, summit)
	h.dragWords("Russian", "Minister")
	h.typeKeys("9")
	h.key(fyne.KeyEscape)
	h.key(fyne.KeyEscape)
	h.multiClick("Russian", 2)
	h.typeKeys("5")
	h.noErrors()
	outer, inner := h.entity("Russian Foreign Minister"), h.entity("Russian")
	if outer.Label != "TITLE" || inner.Label != "NORP" {
		t.Fatalf("labels %s %s", outer.Label, inner.Label)
	}
	m := h.ed.m
	if lo, li := m.ents[m.entByID[outer.ID]].level, m.ents[m.entByID[inner.ID]].level; lo != 0 || li != 1 {
		t.Fatalf("levels outer %d inner %d, want 0 and 1", lo, li)
	}
	// Clicking the shared word picks the inner span, a second click the outer.
	h.key(fyne.KeyEscape)
	h.key(fyne.KeyEscape)
	h.click("Russian", 0)
	if got := h.ed.Selected(); got.ID != inner.ID {
		t.Fatalf("first click selected %v, want inner %d", got, inner.ID)
	}
	h.click("Russian", 0)
	if got := h.ed.Selected(); got.ID != outer.ID {
		t.Fatalf("second click selected %v, want outer %d", got, outer.ID)
	}
	// Both spans are drawn: two tags on the line.
	tags := 0
	for _, hit := range h.tv().hits {
		if hit.ref.Kind == KindEntity {
			tags++
		}
	}
	if tags != 2 {
		t.Fatalf("%d entity tags drawn, want 2", tags)
	}
}

func TestShortcutsForwardedToCanvas(t *testing.T) {
	h := newHarness(t, summit)
	h.ed.Focus()
	fired := false
	save := &desktopShortcut{fyne.KeyReturn, fyne.KeyModifierShortcutDefault}
	h.win.Canvas().AddShortcut(save.custom(), func(fyne.Shortcut) { fired = true })
	h.shortcut(save.custom())
	if !fired {
		t.Fatal("Ctrl+Enter did not reach the canvas while the text had focus")
	}
}

func TestSameSpanSameLabelSelectsIt(t *testing.T) {
	h := newHarness(t, summit)
	h.dragWords("Hakan", "Fidan")
	h.typeKeys("1")
	h.key(fyne.KeyEscape)
	h.dragWords("Hakan", "Fidan")
	h.typeKeys("1")
	if n := len(h.stored().Entities); n != 1 {
		t.Fatalf("%d entities", n)
	}
	if h.ed.Selected().ID != h.entity("Hakan Fidan").ID || h.lastStatus() != `"Hakan Fidan" is already PERSON` {
		t.Fatalf("selected %v status %q", h.ed.Selected(), h.lastStatus())
	}
	h.noErrors()
}

func TestEmptyDocumentAndNoDocument(t *testing.T) {
	h := newHarness(t, "")
	h.click2(fyne.NewPos(30, 30))
	h.typeKeys("1q")
	h.key(fyne.KeyRight)
	h.key(fyne.KeyDelete)
	if n := h.stored().Count(); n != 0 {
		t.Fatalf("%d annotations in an empty document", n)
	}
	ed := NewEditor(h.store)
	if err := ed.ApplyLabel("PERSON"); err == nil {
		t.Fatal("ApplyLabel without a document succeeded")
	}
	if err := ed.Reload(); err != nil {
		t.Fatal(err)
	}
}

func TestUnusedKeysReachTheWindow(t *testing.T) {
	h := newHarness(t, summit)
	var runes []rune
	var keys []fyne.KeyName
	h.win.Canvas().SetOnTypedRune(func(r rune) { runes = append(runes, r) })
	h.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) { keys = append(keys, k.Name) })
	h.typeKeys("?1")
	h.key(fyne.KeyF1)
	h.key(fyne.KeyEscape)
	if string(runes) != "?" || len(keys) != 1 || keys[0] != fyne.KeyF1 {
		t.Fatalf("canvas got runes %q keys %v", string(runes), keys)
	}
}

func TestKeyBindingsFollowSchema(t *testing.T) {
	h := newHarness(t, summit)
	b := h.ed.KeyBindings()
	want := map[string]bool{"1": false, "9": false, "Q": false, "Shift+Q": false, "R": false, "Ctrl+Z": false, "Ctrl+Shift+Z": false, "Ctrl+F": false, "Esc": false}
	for _, k := range b {
		if _, ok := want[k.Keys]; ok {
			want[k.Keys] = true
		}
	}
	for k, ok := range want {
		if !ok {
			t.Errorf("KeyBindings lacks %s", k)
		}
	}
}
