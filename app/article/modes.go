package article

import (
	"fmt"
	"sort"

	"byline/annotate"
)

// modeKind says what the editor waits for after a multi-step command.
type modeKind int

const (
	modeNormal  modeKind = iota
	modeSpeaker          // next click on an entity sets the quote's speaker
	modeCue              // next selection of words sets the quote's cue
	modeRelTail          // next click on an entity picks the relation's tail
	modeRelType          // a digit, Enter or a click picks the relation type
)

// mode is the editor's pending multi-step command.
type mode struct {
	kind      modeKind
	id        int64 // the quote, or the relation's head entity
	tail      int64
	types     []annotate.RelationType
	candidate int64 // entity picked with the arrow keys, confirmed by Enter
	retype    int64 // the relation whose type the chooser changes (0: a new one)
}

var modePrompts = map[modeKind]string{
	modeSpeaker: "Click the speaker span, Esc to skip",
	modeCue:     "Select the cue words (said, told, according to), Esc to skip",
	modeRelTail: "Click the tail span of the relation, Esc to cancel",
}

func (e *Editor) startMode(k modeKind, id int64) {
	e.mode = mode{kind: k, id: id}
	e.status(modePrompts[k])
	e.view.text.Refresh()
}

// cancelMode leaves a pending command; it reports whether there was one.
func (e *Editor) cancelMode() bool {
	if e.mode.kind == modeNormal {
		return false
	}
	switch e.mode.kind {
	case modeSpeaker:
		e.status("No speaker set")
	case modeCue:
		e.status("No cue set")
	default:
		e.status("Relation cancelled")
	}
	e.mode = mode{}
	e.view.text.Refresh()
	return true
}

// startSpeaker waits for the selected quote's speaker.
func (e *Editor) startSpeaker() {
	if e.sel.Kind != KindQuote {
		e.status("Select a quote first, then press S")
		return
	}
	e.startMode(modeSpeaker, e.sel.ID)
}

// startCue waits for the selected quote's cue; words already selected are
// taken at once.
func (e *Editor) startCue() {
	if e.sel.Kind != KindQuote {
		e.status("Select a quote first, then press C")
		return
	}
	if e.text.active() {
		_ = e.setCue(e.sel.ID)
		return
	}
	e.startMode(modeCue, e.sel.ID)
}

// startRelation waits for the tail of a relation from the selected entity;
// with a relation selected it offers the types to retype it.
func (e *Editor) startRelation() {
	if e.sel.Kind == KindRelation {
		if r := e.m.relation(e.sel.ID); r != nil {
			e.chooseRelationType(r.HeadID, r.TailID)
			if e.mode.kind == modeRelType {
				e.mode.retype = r.ID
			}
		}
		return
	}
	if e.sel.Kind != KindEntity {
		e.status("Select an entity span first, then press R")
		return
	}
	e.startMode(modeRelTail, e.sel.ID)
}

// entityClicked handles a click on an entity while a command waits for
// one; it reports whether the click was used.
func (e *Editor) entityClicked(id int64) bool {
	switch e.mode.kind {
	case modeSpeaker:
		quote := e.mode.id
		e.mode = mode{}
		e.setSelected(Ref{KindQuote, quote})
		_ = e.SetSpeaker(quote, id)
		return true
	case modeRelTail:
		head := e.mode.id
		if id == head {
			e.status("Pick a different span as the tail, Esc to cancel")
			return true
		}
		e.chooseRelationType(head, id)
		return true
	case modeRelType:
		e.cancelMode()
	}
	return false
}

// chooseRelationType offers the types the schema allows from head to tail.
func (e *Editor) chooseRelationType(head, tail int64) {
	h, _ := e.m.entity(head)
	t, _ := e.m.entity(tail)
	if h == nil || t == nil {
		e.mode = mode{}
		return
	}
	types := e.m.schema.RelationTypesFor(h.Label, t.Label)
	if len(types) == 0 {
		e.mode = mode{}
		e.view.text.Refresh()
		e.status(fmt.Sprintf("No relation type allows %s → %s", h.Label, t.Label))
		return
	}
	e.mode = mode{kind: modeRelType, id: head, tail: tail, types: types}
	if len(types) == 1 {
		e.status(fmt.Sprintf("Press 1 or Enter for %s, Esc to cancel", types[0].Name))
	} else {
		e.status(fmt.Sprintf("Press 1–%d to pick the relation type, Esc to cancel", min(len(types), 9)))
	}
	e.view.text.Refresh()
}

// pickRelationType finishes a relation with the n-th offered type (0-based).
func (e *Editor) pickRelationType(n int) error {
	md := e.mode
	if md.kind != modeRelType || n < 0 || n >= len(md.types) {
		return nil
	}
	e.mode = mode{}
	if md.retype != 0 {
		return e.SetRelationType(md.retype, md.types[n].Name)
	}
	return e.createRelation(md.id, md.tail, md.types[n].Name)
}

// selectionMade is called when the analyst finishes selecting words.
func (e *Editor) selectionMade() {
	e.review.sel = 0
	switch {
	case e.mode.kind == modeCue && e.text.active():
		quote := e.mode.id
		e.mode = mode{}
		_ = e.setCue(quote)
	case e.mode.kind == modeNormal:
		e.status("") // a message about the old selection is stale now
	}
}

// waitsForEntity reports whether the pending command takes an entity.
func (e *Editor) waitsForEntity() bool {
	return e.mode.kind == modeSpeaker || e.mode.kind == modeRelTail
}

// cycleCandidate moves the keyboard pick of a speaker or tail to the next
// (+1) or previous (-1) entity, starting next to the quote or head; it
// reports whether a command was waiting for one.
func (e *Editor) cycleCandidate(d int) bool {
	if !e.waitsForEntity() || len(e.m.ents) == 0 {
		return false
	}
	n := len(e.m.ents)
	i := -1
	if c, ok := e.m.entByID[e.mode.candidate]; ok {
		i = (c + d + n) % n
	} else {
		from := e.refTokens(e.sel).first
		i = sort.Search(n, func(k int) bool { return e.m.ents[k].toks.first >= from })
		if d < 0 {
			i--
		}
		i = (i + n) % n
	}
	if e.m.ann.Entities[i].ID == e.mode.id && n > 1 {
		i = (i + d + n) % n // the head cannot be its own tail
	}
	e.mode.candidate = e.m.ann.Entities[i].ID
	ent := &e.m.ann.Entities[i]
	e.status(fmt.Sprintf("%s %q: Enter to choose, Esc to cancel", ent.Label, ent.Text))
	e.view.text.scrollToToken(e.m.ents[i].toks.first)
	e.view.text.Refresh()
	return true
}

// confirmCandidate uses the keyboard pick; it reports whether there was one.
func (e *Editor) confirmCandidate() bool {
	if !e.waitsForEntity() || e.mode.candidate == 0 {
		return false
	}
	e.entityClicked(e.mode.candidate)
	e.view.text.Refresh()
	return true
}
