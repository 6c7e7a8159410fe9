package article

import (
	"testing"

	"fyne.io/fyne/v2"

	"byline/annotate"
)

const splitQuote = "“We will,” Lavrov said, “not retreat.” Fidan told reporters that Ankara would keep both channels open."

func TestQuoteWithSpeakerAndCue(t *testing.T) {
	h := newHarness(t, summit)
	h.dragWords("Sergei", "Lavrov")
	h.typeKeys("1")
	lavrov := h.entity("Sergei Lavrov")
	h.key(fyne.KeyEscape)

	// “We … price,” : the drag from "We" snaps to the opening mark's group.
	h.drag(h.at("“", 0), h.at("”", 0))
	h.typeKeys("q")
	qs := h.stored().Quotes
	if len(qs) != 1 {
		t.Fatalf("%d quotes", len(qs))
	}
	q := qs[0]
	want := "“We are ready to work on a durable settlement, but not at any price,”"
	if len(q.Content) != 1 || q.Content[0].Text != want || q.Kind != annotate.QuoteDirect {
		t.Fatalf("quote %+v", q)
	}
	if h.ed.mode.kind != modeSpeaker || h.lastStatus() != "Click the speaker span, Esc to skip" {
		t.Fatalf("after Q: mode %v status %q", h.ed.mode.kind, h.lastStatus())
	}
	// The next click on an entity span is the speaker.
	h.click("Lavrov", 0)
	if got := h.stored().Quotes[0].SpeakerID; got != lavrov.ID {
		t.Fatalf("speaker %d, want %d", got, lavrov.ID)
	}
	if h.ed.Selected() != (Ref{KindQuote, q.ID}) {
		t.Fatalf("quote no longer selected: %v", h.ed.Selected())
	}
	// C, then select the cue word.
	h.typeKeys("c")
	h.multiClick("told", 2)
	q = h.stored().Quotes[0]
	if q.Cue == nil || q.Cue.Text != "told" {
		t.Fatalf("cue %+v", q.Cue)
	}
	// Undo the cue, then the speaker, then redo both.
	h.shortcut(&fyne.ShortcutUndo{})
	if q = h.stored().Quotes[0]; q.Cue != nil || q.SpeakerID != lavrov.ID {
		t.Fatalf("undo cue: %+v", q)
	}
	h.shortcut(&fyne.ShortcutUndo{})
	if q = h.stored().Quotes[0]; q.SpeakerID != 0 {
		t.Fatalf("undo speaker: %+v", q)
	}
	h.shortcut(ctrlShiftZ)
	h.shortcut(ctrlShiftZ)
	if q = h.stored().Quotes[0]; q.Cue == nil || q.SpeakerID != lavrov.ID {
		t.Fatalf("redo: %+v", q)
	}
	// Deleting the speaker's span removes the link and says so; undo restores it.
	h.ed.Select(Ref{KindEntity, lavrov.ID})
	h.key(fyne.KeyDelete)
	if q = h.stored().Quotes[0]; q.SpeakerID != 0 {
		t.Fatalf("speaker link survived the delete: %+v", q)
	}
	if s := h.lastStatus(); s != `Deleted PERSON "Sergei Lavrov" and 1 speaker link` {
		t.Fatalf("status %q", s)
	}
	h.shortcut(&fyne.ShortcutUndo{})
	if q = h.stored().Quotes[0]; q.SpeakerID != lavrov.ID {
		t.Fatalf("undo delete: %+v", q)
	}
	h.noErrors()
}

func TestSpeakerPickedFromOutside(t *testing.T) {
	h := newHarness(t, splitQuote)
	h.dragWords("Fidan", "Fidan")
	h.typeKeys("1")
	fidan := h.entity("Fidan")
	h.key(fyne.KeyEscape)
	h.dragWords("Ankara", "open")
	h.typeKeys("q")
	// The side panel selects the speaker's entry while the quote waits.
	h.ed.Select(Ref{KindEntity, fidan.ID})
	q := h.stored().Quotes[0]
	if q.SpeakerID != fidan.ID || h.ed.Selected() != (Ref{KindQuote, q.ID}) || h.ed.mode.kind != modeNormal {
		t.Fatalf("speaker %d, selected %v, mode %v", q.SpeakerID, h.ed.Selected(), h.ed.mode.kind)
	}
	h.noErrors()
}

func TestSpeakerPickedByKeyboard(t *testing.T) {
	h := newHarness(t, splitQuote)
	h.dragWords("Lavrov", "Lavrov")
	h.typeKeys("1")
	h.key(fyne.KeyEscape)
	h.dragWords("Fidan", "Fidan")
	h.typeKeys("1")
	fidan := h.entity("Fidan")
	h.key(fyne.KeyEscape)
	h.dragWords("Ankara", "open")
	h.typeKeys("q")
	// Left from the quote reaches the nearest span before it: Fidan.
	h.key(fyne.KeyLeft)
	if h.ed.mode.candidate != fidan.ID {
		t.Fatalf("candidate %d, want Fidan %d", h.ed.mode.candidate, fidan.ID)
	}
	h.key(fyne.KeyReturn)
	if q := h.stored().Quotes[0]; q.SpeakerID != fidan.ID {
		t.Fatalf("speaker %d", q.SpeakerID)
	}
	h.noErrors()
}

func TestQuoteEscSkipsSpeakerAndIndirectKind(t *testing.T) {
	h := newHarness(t, splitQuote)
	h.dragWords("Ankara", "open")
	h.typeKeys("q")
	h.key(fyne.KeyEscape)
	if h.ed.mode.kind != modeNormal || h.lastStatus() != "No speaker set" {
		t.Fatalf("Esc: mode %v status %q", h.ed.mode.kind, h.lastStatus())
	}
	q := h.stored().Quotes[0]
	if q.Kind != annotate.QuoteIndirect || q.SpeakerID != 0 || q.Content[0].Text != "Ankara would keep both channels open" {
		t.Fatalf("quote %+v", q)
	}
	// The kind changes through the editor API (the inspector's path).
	if err := h.ed.SetQuoteKind(q.ID, annotate.QuoteMixed); err != nil {
		t.Fatal(err)
	}
	if h.stored().Quotes[0].Kind != annotate.QuoteMixed {
		t.Fatal("kind not saved")
	}
	h.noErrors()
}

func TestSplitQuote(t *testing.T) {
	h := newHarness(t, splitQuote)
	h.dragWords("Lavrov", "Lavrov")
	h.typeKeys("1")
	h.key(fyne.KeyEscape)
	h.drag(h.at("“", 0), h.at("”", 0))
	h.typeKeys("q")
	h.click("Lavrov", 0) // speaker
	// With the quote still selected, select the other part and press Shift+Q.
	h.drag(h.at("“", 1), h.at("”", 1))
	h.typeKeys("Q")
	qs := h.stored().Quotes
	if len(qs) != 1 || len(qs[0].Content) != 2 {
		t.Fatalf("want one quote with two parts, have %+v", qs)
	}
	if qs[0].Content[0].Text != "“We will,”" || qs[0].Content[1].Text != "“not retreat.”" {
		t.Fatalf("segments %+v", qs[0].Content)
	}
	if qs[0].Kind != annotate.QuoteDirect {
		t.Fatalf("kind %s", qs[0].Kind)
	}
	h.shortcut(&fyne.ShortcutUndo{})
	if qs = h.stored().Quotes; len(qs[0].Content) != 1 {
		t.Fatalf("undo split: %+v", qs)
	}
	h.shortcut(ctrlShiftZ)
	if qs = h.stored().Quotes; len(qs[0].Content) != 2 {
		t.Fatalf("redo split: %+v", qs)
	}
	// Delete the quote, undo, redo.
	h.ed.Select(Ref{KindQuote, qs[0].ID})
	h.key(fyne.KeyBackspace)
	if n := len(h.stored().Quotes); n != 0 {
		t.Fatalf("delete left %d quotes", n)
	}
	h.shortcut(&fyne.ShortcutUndo{})
	if n := len(h.stored().Quotes); n != 1 {
		t.Fatalf("undo delete: %d quotes", n)
	}
	h.noErrors()
}

func TestQuoteKindFromMarks(t *testing.T) {
	cases := []struct{ text, first, last string }{
		{`He said "we stay" today.`, `"`, `"`},
		{"He said «мы остаёмся» today.", "«", "»"},
		{"He said „wir bleiben“ today.", "„", "“"},
		{"He said ‹nous restons› today.", "‹", "›"},
	}
	for _, c := range cases {
		h := newHarness(t, c.text)
		h.drag(h.at(c.first, 0), h.at(c.last, 0))
		if c.first == c.last {
			h.drag(h.at(c.first, 0), h.at(c.last, 1))
		}
		h.typeKeys("q")
		q := h.stored().Quotes[0]
		if q.Kind != annotate.QuoteDirect {
			t.Errorf("%s: kind %s for %q", c.text, q.Kind, q.Content[0].Text)
		}
	}
}
