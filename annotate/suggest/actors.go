package suggest

import "byline/annotate"

// actorKey is a folded name or alias with the label of its actor.
type actorKey struct{ name, label string }

// WithActors returns a copy of the engine that also proposes actor links:
// a suggested name or new speaker span whose text is an actor's name or
// alias (accent- and case-insensitive, same label) carries that actor, and
// a mention the document has, unlinked, gets a link suggestion. A text two
// actors share is proposed only when one of them is linked in the document
// already; otherwise it is left to the analyst.
func (e *Engine) WithActors(actors []annotate.ActorSummary) *Engine {
	c := *e
	c.actors = make(map[actorKey][]annotate.ProposedActor, len(actors))
	c.actorNames = make(map[int64]string, len(actors))
	for i := range actors {
		a := &actors[i]
		c.actorNames[a.ID] = a.Name
		p := annotate.ProposedActor{ID: a.ID, Name: a.Name}
		for _, n := range a.Names() {
			k := actorKey{annotate.FoldName(n), a.Label}
			if list := c.actors[k]; len(list) == 0 || list[len(list)-1].ID != a.ID {
				c.actors[k] = append(list, p)
			}
		}
	}
	return &c
}

// actorRun proposes actors for one document.
type actorRun struct {
	e      *Engine
	linked map[int64]bool // actors linked in the document
	// sameText maps a linked mention's folded text and label to its actor
	// (0 when mentions of that text link to different actors).
	sameText map[actorKey]int64
	names    map[int64]string
	cache    map[[2]string]*proposal
}

type proposal struct {
	actor *annotate.ProposedActor
	// sameText: no actor bears the name, but a mention of the same text is
	// linked to this one in the document.
	sameText bool
	// reasons caches reason + suffix: a long article repeats a name's
	// reason a hundred thousand times.
	reasons map[string]string
}

// withSuffix returns a proposed name's or speaker's reason with the actor.
func (p *proposal) withSuffix(reason string) string {
	if r, ok := p.reasons[reason]; ok {
		return r
	}
	r := reason + "; actor " + quoteName(p.actor.Name)
	if p.sameText {
		r += " (linked in this document)"
	}
	if p.reasons == nil {
		p.reasons = map[string]string{}
	}
	p.reasons[reason] = r
	return r
}

// linkReason is a link suggestion's reason.
func (p *proposal) linkReason() string {
	if p.sameText {
		return "same text as a mention linked to " + quoteName(p.actor.Name)
	}
	return "name of actor " + quoteName(p.actor.Name)
}

func newActorRun(e *Engine, ann *annotate.Annotations) *actorRun {
	ar := &actorRun{e: e, linked: map[int64]bool{}, sameText: map[actorKey]int64{}, names: map[int64]string{},
		cache: map[[2]string]*proposal{}}
	for _, a := range ann.Actors {
		ar.names[a.ID] = a.Name
	}
	for i := range ann.Entities {
		x := &ann.Entities[i]
		if x.ActorID == 0 {
			continue
		}
		ar.linked[x.ActorID] = true
		k := actorKey{annotate.FoldName(x.Text), x.Label}
		if id, ok := ar.sameText[k]; ok && id != x.ActorID {
			ar.sameText[k] = 0
		} else if !ok {
			ar.sameText[k] = x.ActorID
		}
	}
	return ar
}

// propose returns the actor a mention of text with label would link to, or
// nil.
func (ar *actorRun) propose(text, label string) *proposal {
	ck := [2]string{text, label}
	if p, ok := ar.cache[ck]; ok {
		return p
	}
	k := actorKey{annotate.FoldName(text), label}
	var p *proposal
	cands := ar.e.actors[k]
	var pick *annotate.ProposedActor
	switch {
	case len(cands) == 1:
		pick = &cands[0]
	case len(cands) > 1:
		for i := range cands {
			if ar.linked[cands[i].ID] {
				if pick != nil {
					pick = nil // namesakes both linked here: the analyst decides
					break
				}
				pick = &cands[i]
			}
		}
	}
	if pick != nil {
		p = &proposal{actor: pick}
	} else if id := ar.sameText[k]; id != 0 && len(cands) == 0 {
		name, ok := ar.names[id]
		if !ok {
			name = ar.e.actorNames[id]
		}
		p = &proposal{actor: &annotate.ProposedActor{ID: id, Name: name}, sameText: true}
	}
	ar.cache[ck] = p
	return p
}

func quoteName(s string) string { return "'" + s + "'" }

// proposeActors sets the proposed actor on suggested names and new speaker
// spans, and returns link suggestions for the document's unlinked mentions,
// in text order.
func (r *run) proposeActors(names, quotes []annotate.Suggestion, links bool) []annotate.Suggestion {
	if len(r.e.actors) == 0 && !anyLinked(r.ann) {
		return nil
	}
	ar := newActorRun(r.e, r.ann)
	for i := range names {
		if r.halted(i) {
			return nil
		}
		en := names[i].Entity
		if p := ar.propose(en.Text, en.Label); p != nil {
			en.Actor = p.actor
			names[i].Reason = p.withSuffix(names[i].Reason)
		}
	}
	for i := range quotes {
		sp := quotes[i].Quote.Speaker
		if sp == nil || sp.EntityID != 0 {
			continue // an existing speaker mention gets a link suggestion of its own
		}
		if p := ar.propose(sp.Text, sp.Label); p != nil {
			sp.Actor = p.actor
			quotes[i].Reason = p.withSuffix(quotes[i].Reason)
		}
	}
	if !links {
		return nil
	}
	var out []annotate.Suggestion
	for i := range r.entities { // by start
		if r.halted(i) {
			return nil
		}
		x := &r.entities[i]
		if x.ActorID != 0 {
			continue
		}
		p := ar.propose(x.Text, x.Label)
		if p == nil {
			continue
		}
		out = append(out, annotate.Suggestion{Kind: annotate.SuggestLink,
			Reason: p.linkReason(),
			Link: &annotate.SuggestedLink{EntityID: x.ID, Start: x.Start, End: x.End, Label: x.Label, Text: x.Text,
				Actor: *p.actor}})
	}
	return out
}

func anyLinked(ann *annotate.Annotations) bool {
	for i := range ann.Entities {
		if ann.Entities[i].ActorID != 0 {
			return true
		}
	}
	return false
}

// mergeByStart merges lists, each sorted by start, into one in text order;
// at the same start the earlier list's come first. A merge rather than a
// sort: the lists run to hundreds of thousands.
func mergeByStart(lists ...[]annotate.Suggestion) []annotate.Suggestion {
	n, nonEmpty := 0, 0
	for _, l := range lists {
		n += len(l)
		if len(l) > 0 {
			nonEmpty++
		}
	}
	if nonEmpty <= 1 {
		for _, l := range lists {
			if len(l) > 0 {
				return l
			}
		}
		return nil
	}
	out := make([]annotate.Suggestion, 0, n)
	next := make([]int, len(lists))
	for len(out) < n {
		best := -1
		for k, l := range lists {
			if next[k] < len(l) && (best < 0 || l[next[k]].Start() < lists[best][next[best]].Start()) {
				best = k
			}
		}
		out = append(out, lists[best][next[best]])
		next[best]++
	}
	return out
}
