package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"byline/annotate"
	"byline/annotate/annotatetest"
	"byline/app/article"
)

// cpRange returns the code points of the n-th occurrence of s in text.
func cpRange(t *testing.T, text, s string, n int) (int, int) {
	t.Helper()
	i := 0
	for ; ; n-- {
		j := strings.Index(text[i:], s)
		if j < 0 {
			t.Fatalf("%q occurs fewer times", s)
		}
		if n == 0 {
			i += j
			break
		}
		i += j + len(s)
	}
	start := annotate.RuneCount(text[:i])
	return start, start + annotate.RuneCount(s)
}

// labelWords makes the n-th occurrence of s a PERSON span and returns it.
func labelWords(t *testing.T, w *Window, s string, n int) annotate.Entity {
	t.Helper()
	ed := w.editor
	start, end := cpRange(t, ed.Document().Text, s, n)
	ed.SelectWords(start, end)
	if err := ed.ApplyLabel("PERSON"); err != nil {
		t.Fatal(err)
	}
	w.flush()
	for _, e := range ed.Annotations().Entities {
		if e.Start == start && e.End == end {
			return e
		}
	}
	t.Fatalf("no span on %q", s)
	return annotate.Entity{}
}

// linkWithKeys selects the mention, presses L and then Enter (with Shift
// when shift is set) in the chooser, as the analyst does.
func linkWithKeys(t *testing.T, w *Window, ent annotate.Entity) {
	t.Helper()
	w.editor.Select(article.Ref{Kind: article.KindEntity, ID: ent.ID})
	w.editor.Focus()
	w.win.Canvas().Focused().TypedRune('l')
	w.flush()
	if !w.editor.ChooserOpen() {
		t.Fatalf("L opened no chooser on %q", ent.Text)
	}
	field := w.win.Canvas().Focused()
	if _, ok := field.(fyne.Tabbable); !ok {
		t.Fatalf("the chooser's filter field has no focus: %T", field)
	}
	field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	w.flush()
	if w.editor.ChooserOpen() {
		t.Fatal("Enter left the chooser open")
	}
}

// storedEntity reads an entity back from the store.
func storedEntity(t *testing.T, w *Window, doc, id int64) annotate.Entity {
	t.Helper()
	w.flush()
	a, err := w.store.FindAnnotations(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range a.Entities {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("entity %d is not stored", id)
	return annotate.Entity{}
}

// openActorStore, when set (by a file built with the sqlite tag), opens
// the SQLite store for the actor tests instead of the in-memory one.
var openActorStore func(path string, create bool) (annotate.Store, error)

// newActorEnv is a window on the store the actor tests run against.
func newActorEnv(t *testing.T) *testEnv {
	env := newTestEnv(t)
	if openActorStore != nil {
		env.cfg.OpenStore = openActorStore
	}
	return env
}

// summitWindow opens a window on the actor tests' store with the summit
// sample open, and returns it with the sample's id.
func summitWindow(t *testing.T) (*Window, int64) {
	t.Helper()
	return openSummit(t, newActorEnv(t))
}

// openSummit opens the window of env with the summit sample open.
func openSummit(t *testing.T, env *testEnv) (*Window, int64) {
	t.Helper()
	w := env.open()
	summit := int64(0)
	for i := 0; i < w.docs.pages.count; i++ {
		if s, _ := w.docs.pages.row(i); strings.HasPrefix(s.Title, "Foreign ministers meet") {
			summit = s.ID
		}
	}
	if summit == 0 {
		t.Fatal("no summit sample")
	}
	w.openDocument(summit)
	w.flush()
	return w, summit
}

// TestLinkThreeMentionsAndSeeQuotesAcrossDocuments is the issue's "done
// when": three mentions of the summit sample linked to one actor with L and
// Enter, and the actor's quotes from two documents in the Actors tab, where
// a click opens the quote's document at the quote.
func TestLinkThreeMentionsAndSeeQuotesAcrossDocuments(t *testing.T) {
	w, summit := summitWindow(t)

	full := labelWords(t, w, "Sergei Lavrov", 0)
	short := labelWords(t, w, "Lavrov", 1)
	his := labelWords(t, w, "his", 0)
	// The registry is empty: the only row creates the actor from the mention.
	linkWithKeys(t, w, full)
	actor := storedEntity(t, w, summit, full.ID).ActorID
	if actor == 0 {
		t.Fatal("Enter on the create row linked nothing")
	}
	linkWithKeys(t, w, short)
	linkWithKeys(t, w, his)
	for _, e := range []annotate.Entity{full, short, his} {
		if got := storedEntity(t, w, summit, e.ID).ActorID; got != actor {
			t.Errorf("%q links to %d, want %d", e.Text, got, actor)
		}
	}
	a, err := w.store.FindActor(context.Background(), actor)
	if err != nil || a.Name != "Sergei Lavrov" || a.Label != "PERSON" {
		t.Fatalf("actor %+v, %v", a, err)
	}

	// Lavrov's quote here, spoken by the "Lavrov" mention.
	ed := w.editor
	qs, qe := cpRange(t, ed.Document().Text, "“We are ready to work on a durable settlement, but not at any price,”", 0)
	ed.SelectWords(qs, qe)
	ed.Focus()
	w.win.Canvas().Focused().TypedRune('q')
	ed.Select(article.Ref{Kind: article.KindEntity, ID: short.ID}) // answers "click the speaker"
	w.flush()
	quote1 := ed.Annotations().Quotes[0]
	if quote1.SpeakerID != short.ID {
		t.Fatalf("quote speaker %d, want %d", quote1.SpeakerID, short.ID)
	}

	// A second article, with a quote and its speaker, linked with L/Enter:
	// the actor whose name has the mention's word comes first.
	text := "Sergei Lavrov arrived in Ankara on Monday. “The grain deal stands,” Lavrov said."
	ms, me := cpRange(t, text, "Lavrov", 1)
	cs, ce := cpRange(t, text, "said", 0)
	ks, ke := cpRange(t, text, "“The grain deal stands,”", 0)
	outs, err := w.store.ImportRecords(context.Background(), []*annotate.Record{{ID: "ankara", Text: text,
		Meta:     annotate.Meta{Title: "Lavrov in Ankara", Published: "2026-04-02"},
		Entities: []annotate.RecordEntity{{ID: "T1", Start: ms, End: me, Label: "PERSON", Text: "Lavrov"}},
		Quotes: []annotate.RecordQuote{{ID: "Q1", Kind: annotate.QuoteDirect, Speaker: "T1",
			Content: []annotate.Segment{{Start: ks, End: ke, Text: "“The grain deal stands,”"}},
			Cue:     &annotate.Segment{Start: cs, End: ce, Text: "said"}}},
		Relations: []annotate.RecordRelation{},
	}}, annotate.ImportOptions{})
	if err != nil || len(outs) != 1 {
		t.Fatalf("import: %v %v", outs, err)
	}
	other := outs[0].DocumentID
	w.docs.reload()
	w.flush()
	w.openDocument(other)
	w.flush()
	mention := w.editor.Annotations().Entities[0]
	linkWithKeys(t, w, mention)
	if got := storedEntity(t, w, other, mention.ID).ActorID; got != actor {
		t.Fatalf("the Ankara mention links to %d, want %d", got, actor)
	}

	// The Actors tab: the actor with 4 mentions and 2 quotes.
	tab := w.side.actors
	w.side.showActorsTab()
	w.flush()
	if len(tab.rows) != 1 || tab.rows[0].ID != actor || tab.rows[0].Mentions != 4 || tab.rows[0].Quotes != 2 {
		t.Fatalf("actors tab rows = %v", tabRows(tab))
	}
	tab.list.Select(0)
	w.flush()
	if len(tab.quotes) != 2 {
		t.Fatalf("%d quotes listed, want 2", len(tab.quotes))
	}
	if q := tab.quotes[0]; q.DocumentID != other || q.Title != "Lavrov in Ankara" || q.Cue == nil || q.Cue.Text != "said" {
		t.Errorf("newest quote = %+v", q)
	}
	if q := tab.quotes[1]; q.DocumentID != summit || q.QuoteID != quote1.ID {
		t.Errorf("second quote = %+v", q)
	}
	where, what := quoteLines(&tab.quotes[0])
	if where != "2026-04-02 · Lavrov in Ankara" || what != "“The grain deal stands,” — said" {
		t.Errorf("row reads %q / %q", where, what)
	}
	// A click on the summit quote opens the summit at it.
	tab.qlist.Select(1)
	w.flush()
	if w.currentDoc() != summit || w.editor.Selected() != (article.Ref{Kind: article.KindQuote, ID: quote1.ID}) {
		t.Errorf("open document %d, selected %v; want the summit's quote %d", w.currentDoc(), w.editor.Selected(), quote1.ID)
	}
	if w.lastError != "" {
		t.Errorf("error: %s", w.lastError)
	}
}

func tabRows(t *actorsTab) []string {
	var out []string
	for _, a := range t.rows {
		out = append(out, actorLine(a))
	}
	return out
}

// actorsWindow opens the samples with two actors, "Sergei Lavrov" linked
// to the first mention and "S. Lavrov" to the second, and the Actors tab
// showing.
func actorsWindow(t *testing.T) (*Window, int64, [2]annotate.Entity, [2]int64) {
	t.Helper()
	env := newActorEnv(t)
	w := env.open()
	doc := w.currentDoc()
	ents := [2]annotate.Entity{labelWords(t, w, "the", 0), labelWords(t, w, "the", 1)}
	var ids [2]int64
	ctx := context.Background()
	for i, name := range []string{"Sergei Lavrov", "S. Lavrov"} {
		a := annotate.Actor{Name: name, Label: "PERSON"}
		if err := w.store.CreateActor(ctx, &a); err != nil {
			t.Fatal(err)
		}
		if _, err := w.store.LinkMention(ctx, ents[i].ID, a.ID); err != nil {
			t.Fatal(err)
		}
		ids[i] = a.ID
	}
	w.editor.ActorsChanged()
	w.side.showActorsTab()
	w.flush()
	return w, doc, ents, ids
}

func TestActorsTabFilterAndSort(t *testing.T) {
	w, _, _, ids := actorsWindow(t)
	tab := w.side.actors
	ctx := context.Background()
	extra := annotate.Actor{Name: "Ángela Merkel", Label: "PERSON"}
	if err := w.store.CreateActor(ctx, &extra); err != nil {
		t.Fatal(err)
	}
	w.side.showActorsTab()
	tab.setVisible(true)
	w.flush()
	names := func() string {
		var s []string
		for _, a := range tab.rows {
			s = append(s, a.Name)
		}
		return strings.Join(s, ", ")
	}
	// By mentions first (the two Lavrovs have one mention each).
	if got := names(); !strings.HasSuffix(got, "Ángela Merkel") || len(tab.rows) != 3 {
		t.Errorf("by mentions: %s", got)
	}
	tab.sort.SetSelected(sortByName)
	if got := names(); got != "Ángela Merkel, S. Lavrov, Sergei Lavrov" {
		t.Errorf("by name: %s", got)
	}
	tab.filter.SetText("angela")
	if got := names(); got != "Ángela Merkel" {
		t.Errorf("filter angela: %s", got)
	}
	tab.filter.SetText("lavrov")
	if len(tab.rows) != 2 || tab.rows[0].ID != ids[1] && tab.rows[0].ID != ids[0] {
		t.Errorf("filter lavrov: %s", names())
	}
}

func TestActorsTabMergeEditAndUndo(t *testing.T) {
	w, doc, ents, ids := actorsWindow(t)
	tab := w.side.actors
	ctx := context.Background()
	// Select "S. Lavrov" and merge it into "Sergei Lavrov".
	for i, a := range tab.rows {
		if a.ID == ids[1] {
			tab.list.Select(i)
		}
	}
	w.flush()
	tab.showMerge()
	tab.mergeFilter.SetText("sergei")
	tab.mergeList.Select(0)
	tab.mergeDialog.Confirm()
	w.flush()
	if got := storedEntity(t, w, doc, ents[1].ID).ActorID; got != ids[0] {
		t.Fatalf("after the merge the second mention links to %d, want %d", got, ids[0])
	}
	if e := w.editor.Entity(ents[1].ID); e == nil || e.ActorID != ids[0] {
		t.Errorf("the open article still shows the old link: %+v", e)
	}
	if len(tab.rows) != 1 || tab.rows[0].Mentions != 2 || tab.current != ids[0] {
		t.Fatalf("rows after merge: %v (current %d)", tabRows(tab), tab.current)
	}
	keep, _ := w.store.FindActor(ctx, ids[0])
	if len(keep.Aliases) != 1 || keep.Aliases[0] != "S. Lavrov" {
		t.Errorf("aliases after merge: %v", keep.Aliases)
	}

	// Edit: name, aliases.
	tab.showEdit()
	tab.editName.SetText("Sergey Lavrov")
	tab.editAliases.SetText("Lavrov\nS. Lavrov\n")
	tab.editDialog.Submit()
	w.flush()
	got, _ := w.store.FindActor(ctx, ids[0])
	if got.Name != "Sergey Lavrov" || strings.Join(got.Aliases, "|") != "Lavrov|S. Lavrov" {
		t.Errorf("after edit: %+v", got)
	}
	if !strings.Contains(tab.header.Text, "Sergey Lavrov") {
		t.Errorf("header = %q", tab.header.Text)
	}

	// Undo the edit, then the merge: the second mention is S. Lavrov's again.
	tab.undo(true)
	w.flush()
	if got, _ := w.store.FindActor(ctx, ids[0]); got.Name != "Sergei Lavrov" {
		t.Errorf("after undo: %+v", got)
	}
	tab.undo(true)
	w.flush()
	if got := storedEntity(t, w, doc, ents[1].ID).ActorID; got != ids[1] {
		t.Errorf("after undoing the merge the mention links to %d, want %d", got, ids[1])
	}
	if e := w.editor.Entity(ents[1].ID); e == nil || e.ActorID != ids[1] {
		t.Errorf("the open article shows %+v", e)
	}
	if len(tab.rows) != 2 {
		t.Errorf("rows after undo: %v", tabRows(tab))
	}
	tab.undo(false)
	w.flush()
	if got := storedEntity(t, w, doc, ents[1].ID).ActorID; got != ids[0] {
		t.Errorf("after redo the mention links to %d", got)
	}
	if w.lastError != "" {
		t.Errorf("error: %s", w.lastError)
	}
}

func TestInspectorShowsMentionActor(t *testing.T) {
	w, doc, ents, _ := actorsWindow(t)
	w.editor.Select(article.Ref{Kind: article.KindEntity, ID: ents[0].ID})
	in := w.side.inspector
	if in.actorName == nil || !strings.HasPrefix(in.actorName.Text, "Sergei Lavrov · PERSON") {
		t.Fatalf("inspector actor = %v", in.actorName)
	}
	in.unlinkActor.OnTapped()
	w.flush()
	if got := storedEntity(t, w, doc, ents[0].ID).ActorID; got != 0 {
		t.Fatalf("unlink left actor %d", got)
	}
	if !strings.HasPrefix(in.actorName.Text, "none") || !in.unlinkActor.Disabled() {
		t.Errorf("after unlink the inspector shows %q", in.actorName.Text)
	}
	in.linkActor.OnTapped()
	w.flush()
	if !w.editor.ChooserOpen() {
		t.Error("Link… opened no chooser")
	}
}

func TestViewMenuUndoesActorChange(t *testing.T) {
	w, _, _, ids := actorsWindow(t)
	ctx := context.Background()
	name := "Renamed"
	if _, err := w.store.UpdateActor(ctx, ids[0], annotate.ActorUpdate{Name: &name}); err != nil {
		t.Fatal(err)
	}
	run := func(label string) {
		t.Helper()
		for _, c := range w.cmds {
			if c.menu == "View" && c.label == label {
				c.action()
				w.flush()
				return
			}
		}
		t.Fatalf("no View menu item %q", label)
	}
	run("Undo actor change")
	if a, _ := w.store.FindActor(ctx, ids[0]); a.Name != "Sergei Lavrov" {
		t.Errorf("after undo: %q", a.Name)
	}
	if !strings.Contains(w.status.state.Text, "Undone") {
		t.Errorf("status = %q", w.status.state.Text)
	}
	run("Redo actor change")
	if a, _ := w.store.FindActor(ctx, ids[0]); a.Name != "Renamed" {
		t.Errorf("after redo: %q", a.Name)
	}
	w.side.tabs.SelectIndex(0)
	run("Actors")
	if w.side.tabs.SelectedIndex() != 1 {
		t.Error("View → Actors did not show the tab")
	}
}

// Selecting an actor does not widen the side panel: a wider panel would
// narrow the article and wrap its lines anew under the analyst's eyes.
func TestSelectingAnActorKeepsThePanelWidth(t *testing.T) {
	w, _, _, _ := actorsWindow(t)
	before := w.side.content.MinSize().Width
	w.side.actors.list.Select(0)
	w.flush()
	if w.side.actors.qnote.Text == "" {
		t.Fatal("no quote note shown")
	}
	if after := w.side.content.MinSize().Width; after > before {
		t.Errorf("the side panel needs %.0f px with an actor selected, %.0f before", after, before)
	}
}

// The Actors tab folds the label palette away while it is in front, so
// that the default window lists more than one quote; the Annotations tab
// brings it back.
func TestActorsTabTakesThePaletteHeight(t *testing.T) {
	w, _, _, _ := actorsWindow(t)
	w.win.Resize(fyne.NewSize(1280, 800))
	w.side.actors.list.Select(0)
	w.flush()
	withActors := w.side.actors.qlist.Size().Height
	if w.side.labels.Visible() {
		t.Error("the palette shows beside the Actors tab")
	}
	w.side.tabs.SelectIndex(0)
	w.flush()
	if !w.side.labels.Visible() {
		t.Fatal("the palette did not come back with the Annotations tab")
	}
	w.side.showActorsTab()
	w.flush()
	w.side.labels.Show() // as before the fix
	w.side.content.Refresh()
	w.flush()
	if with := w.side.actors.qlist.Size().Height; withActors < 2*with {
		t.Errorf("the quote list is %.0f px high without the palette, %.0f with it", withActors, with)
	}
}

// An actor with more quotes than the tab lists says how many it lists of
// how many, so the analyst knows the list is cut; one with fewer says how
// many there are.
func TestActorsTabSaysWhenQuotesAreCut(t *testing.T) {
	env := newActorEnv(t)
	w := env.open()
	ctx := context.Background()
	n := quotesShown + 1
	var b strings.Builder
	b.WriteString("Lavrov spoke at length.")
	var quotes []annotate.RecordQuote
	for i := range n {
		b.WriteString(" “")
		start := annotate.RuneCount(b.String()) - 1
		said := "Point " + itoa(i) + " stands,"
		b.WriteString(said + "” he said.")
		quotes = append(quotes, annotate.RecordQuote{ID: "Q" + itoa(i), Kind: annotate.QuoteDirect, Speaker: "T1",
			Content: []annotate.Segment{{Start: start, End: start + annotate.RuneCount(said) + 2, Text: "“" + said + "”"}}})
	}
	outs, err := w.store.ImportRecords(ctx, []*annotate.Record{{ID: "long", Text: b.String(),
		Meta:      annotate.Meta{Title: "A long briefing", Published: "2026-04-02"},
		Entities:  []annotate.RecordEntity{{ID: "T1", Start: 0, End: 6, Label: "PERSON", Text: "Lavrov"}},
		Quotes:    quotes,
		Relations: []annotate.RecordRelation{},
	}}, annotate.ImportOptions{})
	if err != nil || len(outs) != 1 {
		t.Fatalf("import: %v %v", outs, err)
	}
	ann, err := w.store.FindAnnotations(ctx, outs[0].DocumentID)
	if err != nil || len(ann.Entities) != 1 {
		t.Fatalf("annotations %+v, %v", ann, err)
	}
	a := annotate.Actor{Name: "Sergei Lavrov", Label: "PERSON"}
	if err := w.store.CreateActor(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if _, err := w.store.LinkMention(ctx, ann.Entities[0].ID, a.ID); err != nil {
		t.Fatal(err)
	}
	w.editor.ActorsChanged()
	w.side.showActorsTab()
	w.flush()
	tab := w.side.actors
	tab.list.Select(0)
	w.flush()
	if len(tab.quotes) != quotesShown {
		t.Fatalf("%d quotes listed, want %d", len(tab.quotes), quotesShown)
	}
	if got, want := tab.qnote.Text, "Showing the newest 2,000 of 2,001 quotes (byline quotes lists them all); click one to open it"; got != want {
		t.Errorf("quote note %q, want %q", got, want)
	}
}

// proposedActor returns the actor the open document's suggestions propose
// linking the mention to, 0 when none.
func proposedActor(w *Window, mention annotate.Entity) int64 {
	for _, s := range w.editor.Suggestions() {
		if s.Link != nil && s.Link.EntityID == mention.ID {
			return s.Link.Actor.ID
		}
	}
	return 0
}

// The open document's actor-link suggestions follow the registry without
// reopening it: an alias added in the Actors tab proposes linking the
// unlinked mentions it names at once, its undo takes the proposal back,
// and an actor another process creates is proposed when the window comes
// back to the foreground (not with the analyst's next label: that reads no
// corpus).
func TestActorEditsReachTheOpenDocumentsSuggestions(t *testing.T) {
	w, doc := summitWindow(t)
	sergei := labelWords(t, w, "Sergei Lavrov", 0)
	fidan := labelWords(t, w, "Hakan Fidan", 0)
	ctx := context.Background()
	actor := annotate.Actor{Name: "Sergey Lavrov", Label: "PERSON"}
	if err := w.store.CreateActor(ctx, &actor); err != nil {
		t.Fatal(err)
	}
	w.editor.ActorsChanged()
	w.side.showActorsTab()
	w.flush()
	if got := proposedActor(w, sergei); got != 0 {
		t.Fatalf("%q proposed for actor %d before any name of it matches", sergei.Text, got)
	}
	tab := w.side.actors
	if len(tab.rows) != 1 || tab.rows[0].ID != actor.ID {
		t.Fatalf("actors tab rows = %v", tabRows(tab))
	}
	tab.list.Select(0)
	w.flush()

	tab.showEdit()
	tab.editAliases.SetText("Sergei Lavrov")
	tab.editDialog.Submit()
	w.flush()
	if got, _ := w.store.FindActor(ctx, actor.ID); strings.Join(got.Aliases, "|") != "Sergei Lavrov" {
		t.Fatalf("aliases stored: %v", got.Aliases)
	}
	if got := proposedActor(w, sergei); got != actor.ID {
		t.Errorf("after the alias %q is proposed for actor %d, want %d", sergei.Text, got, actor.ID)
	}
	if got := w.status.suggest.Text; !strings.HasSuffix(got, "(1 actor link)") {
		t.Errorf("status bar %q, want it to count one actor link", got)
	}

	tab.undo(true)
	w.flush()
	if got := proposedActor(w, sergei); got != 0 {
		t.Errorf("after undoing the alias %q is still proposed for actor %d", sergei.Text, got)
	}

	// Another process creates an actor: the window hears nothing of it
	// until it comes back to the foreground.
	other := annotate.Actor{Name: "Hakan Fidan", Label: "PERSON"}
	if err := w.store.CreateActor(ctx, &other); err != nil {
		t.Fatal(err)
	}
	labelWords(t, w, "António Guterres", 0)
	if got := proposedActor(w, fidan); got != 0 {
		t.Errorf("the analyst's label read the registry: %q is proposed for actor %d", fidan.Text, got)
	}
	enterForeground(t, w)
	if got := proposedActor(w, fidan); got != other.ID {
		t.Errorf("after another process created %q the mention is proposed for actor %d, want %d", other.Name, got, other.ID)
	}
	if got := storedEntity(t, w, doc, fidan.ID).ActorID; got != 0 {
		t.Errorf("a suggestion linked %q to actor %d in the store", fidan.Text, got)
	}
	if w.lastError != "" {
		t.Errorf("error: %s", w.lastError)
	}
}

// enterForeground brings the window back to the foreground, as the
// analyst does after working in another program.
func enterForeground(t *testing.T, w *Window) {
	t.Helper()
	enter := w.app.Lifecycle().(interface{ OnEnteredForeground() func() }).OnEnteredForeground()
	if enter == nil {
		t.Fatal("the window does not watch for coming back to the foreground")
	}
	enter()
	w.flush()
}

// The analyst's edits in the open document never read the corpus's names
// (every entity of a large corpus counted) or the registry again; a
// registry edit in the Actors tab reads them once, and so does coming back
// to the foreground after another process changed them.
func TestOpenDocumentsEditsReadNoCorpus(t *testing.T) {
	env := newActorEnv(t)
	open := env.cfg.OpenStore
	env.cfg.OpenStore = func(path string, create bool) (annotate.Store, error) {
		s, err := open(path, create)
		if err != nil {
			return nil, err
		}
		return &annotatetest.CorpusReads{Store: s}, nil
	}
	w, _ := openSummit(t, env)
	counted := w.store.(*annotatetest.CorpusReads)
	ctx := context.Background()
	// reads checks the corpus's names were read want times since the last
	// check; with none, the registry must not have been read either.
	reads := func(after string, want int32) {
		t.Helper()
		w.flush()
		names, actors := counted.NameReads.Swap(0), counted.ActorReads.Swap(0)
		if names != want || want == 0 && actors != 0 {
			t.Errorf("%s: names read %d times, registry %d; want names %d", after, names, actors, want)
		}
	}
	reads("opening", 1)

	sergei := labelWords(t, w, "Sergei Lavrov", 0)
	fidan := labelWords(t, w, "Hakan Fidan", 0)
	labelWords(t, w, "António Guterres", 0)
	if err := w.editor.Undo(); err != nil {
		t.Fatal(err)
	}
	w.flush()
	if got := len(w.editor.Annotations().Entities); got != 2 {
		t.Fatalf("%d names marked after three and an undo, want 2", got)
	}
	reads("three labels and an undo", 0)

	actor := annotate.Actor{Name: "Sergey Lavrov", Label: "PERSON"}
	if err := w.store.CreateActor(ctx, &actor); err != nil {
		t.Fatal(err)
	}
	w.editor.ActorsChanged()
	w.side.showActorsTab()
	tab := w.side.actors
	w.flush()
	if len(tab.rows) != 1 {
		t.Fatalf("actors tab rows = %v", tabRows(tab))
	}
	tab.list.Select(0)
	reads("an actor created", 1)
	tab.showEdit()
	tab.editAliases.SetText("Sergei Lavrov")
	tab.editDialog.Submit()
	reads("an alias added in the Actors tab", 1)
	if got := proposedActor(w, sergei); got != actor.ID {
		t.Errorf("after the alias %q is proposed for actor %d, want %d", sergei.Text, got, actor.ID)
	}

	other := annotate.Actor{Name: "Hakan Fidan", Label: "PERSON"}
	if err := w.store.CreateActor(ctx, &other); err != nil {
		t.Fatal(err)
	}
	reads("another process's change, in the background", 0)
	enterForeground(t, w)
	reads("coming back to the foreground", 1)
	if got := proposedActor(w, fidan); got != other.ID {
		t.Errorf("after another process created %q the mention is proposed for actor %d, want %d", other.Name, got, other.ID)
	}
	enterForeground(t, w)
	reads("coming back again with nothing changed", 0)
	if w.lastError != "" {
		t.Errorf("error: %s", w.lastError)
	}
}
