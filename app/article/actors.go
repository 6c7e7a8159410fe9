package article

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"byline/annotate"
)

// actorCache is the editor's copy of the actor registry, read (on the
// writer, after the edits before it) and indexed for the chooser's filter
// off the UI goroutine; links made in the window keep its counts current,
// registry edits read it again.
type actorCache struct {
	actorRegistry
	loaded  bool
	loading bool
	again   bool     // a read was asked for while one ran
	then    []func() // run on the UI goroutine once the read is in
}

// actorRegistry is the registry as read, with what the window looks
// actors up by.
type actorRegistry struct {
	list   []annotate.ActorSummary
	index  *annotate.ActorIndex
	byID   map[int64]int // into list
	byName []int         // list's indexes by name as a reader sorts: accents and case aside
}

// indexActors indexes a registry read; it folds every name, so it runs
// on the writer, not the UI goroutine.
func indexActors(list []annotate.ActorSummary) actorRegistry {
	r := actorRegistry{list: list, index: annotate.NewActorIndex(list),
		byID: make(map[int64]int, len(list)), byName: make([]int, len(list))}
	keys := make([]string, len(list))
	for i := range list {
		r.byID[list[i].ID] = i
		r.byName[i] = i
		keys[i] = annotate.FoldName(list[i].Name)
	}
	sort.SliceStable(r.byName, func(i, j int) bool { return keys[r.byName[i]] < keys[r.byName[j]] })
	return r
}

func (c *actorCache) actor(id int64) *annotate.ActorSummary {
	if i, ok := c.byID[id]; ok {
		return &c.list[i]
	}
	return nil
}

// SetOnActorsChanged sets what runs on the UI goroutine after the
// editor's copy of the actor registry changed: an actor created, or the
// registry read again. The window's Actors tab follows it.
func (e *Editor) SetOnActorsChanged(f func()) { e.onActorsChanged = f }

// withActors runs then once the registry has been read (at once when it
// has been).
func (e *Editor) withActors(then func()) {
	c := &e.actors
	if c.loaded && !c.loading {
		then()
		return
	}
	c.then = append(c.then, then)
	e.loadActors()
}

// loadActors reads and indexes the registry on the writer, so it sees
// every link and actor queued before it.
func (e *Editor) loadActors() {
	c := &e.actors
	if c.loading {
		c.again = true
		return
	}
	c.loading = true
	var reg actorRegistry
	e.read(func(ctx context.Context) error {
		list, err := e.store.Actors(ctx)
		if err == nil {
			reg = indexActors(list)
		}
		return err
	}, func(err error) {
		c.loading = false
		if err != nil {
			e.fail(err)
			c.then, c.again = nil, false
			return
		}
		c.actorRegistry, c.loaded = reg, true
		then := c.then
		c.then = nil
		for _, f := range then {
			f()
		}
		e.actorsChanged()
		if c.again {
			c.again = false
			e.loadActors()
		}
	})
}

// ActorsByName returns the registry as last read by name, accents and
// case aside; keep, when set, picks the actors wanted.
func (e *Editor) ActorsByName(keep func(*annotate.ActorSummary) bool) []*annotate.ActorSummary {
	c := &e.actors
	out := make([]*annotate.ActorSummary, 0, len(c.byName))
	for _, i := range c.byName {
		if a := &c.list[i]; keep == nil || keep(a) {
			out = append(out, a)
		}
	}
	return out
}

// ActorsChanged re-reads the registry and the open document's links after
// the registry was edited elsewhere (the Actors tab: edit, merge, delete,
// undo), on the writer in order with the edits; the suggestions read the
// registry again too.
func (e *Editor) ActorsChanged() {
	e.review.engine.invalidate()
	if doc := e.m.doc.ID; doc != 0 {
		e.read(e.refreshStored(doc, nil, nil))
	}
	e.ReloadActors()
}

func (e *Editor) actorsChanged() {
	if e.chooser != nil {
		e.chooser.refill()
	}
	e.view.text.Refresh()
	if e.onActorsChanged != nil {
		e.onActorsChanged()
	}
}

// read runs a store read on the writer, after the writes queued before it,
// without reporting it as saving; done runs on the UI goroutine.
func (e *Editor) read(run func(ctx context.Context) error, done func(err error)) {
	e.writes.queue(func() {
		err := run(e.ctx)
		e.post(func() { done(err) })
	})
}

// ActorOf returns the actor the entity links to, nil when none or not yet
// known.
func (e *Editor) ActorOf(ent *annotate.Entity) *annotate.Actor {
	if ent == nil || ent.ActorID == 0 {
		return nil
	}
	if a, ok := e.m.ann.Actor(ent.ActorID); ok {
		return a
	}
	if a := e.actors.actor(ent.ActorID); a != nil {
		return &a.Actor
	}
	return nil
}

// Entity returns the open document's entity with id, nil when none.
func (e *Editor) Entity(id int64) *annotate.Entity {
	ent, _ := e.m.entity(id)
	return ent
}

// LinkActor links a mention to an actor of the registry; actorID 0 unlinks
// it. One change of the document, undone with its Ctrl+Z.
func (e *Editor) LinkActor(entityID, actorID int64) error {
	cur, _ := e.m.entity(entityID)
	if cur == nil {
		return nil
	}
	var act *annotate.Actor
	if actorID != 0 {
		if a := e.actors.actor(actorID); a != nil {
			act = &a.Actor
		} else if a, ok := e.m.ann.Actor(actorID); ok {
			act = a
		} else {
			return e.fail(annotate.Errorf(annotate.ENOTFOUND, "actor %d is not in the registry", actorID))
		}
	}
	if cur.ActorID == actorID {
		if act != nil {
			e.status(fmt.Sprintf("%q is already linked to %s", cur.Text, act.Name))
		}
		return nil
	}
	old := cur.ActorID
	cur.ActorID = actorID
	if act != nil {
		e.addDocActor(*act)
	}
	e.countMention(old, -1)
	e.countMention(actorID, 1)
	e.afterChange(annotate.LinkSummary(cur, act))
	var stored *annotate.Entity
	e.save(func(ctx context.Context) error {
		var err error
		stored, err = e.store.LinkMention(ctx, e.writes.id(entityID), actorID)
		return err
	}, func(err error) {
		if err == nil {
			e.replaceEntity(stored.ID, *stored)
			e.view.annotationsChanged()
		}
	})
	return nil
}

// CreateActorFor creates an actor named name with the mention's label and
// links the mention to it: a registry change (undone in the Actors tab)
// and a link (undone with the document's Ctrl+Z).
func (e *Editor) CreateActorFor(entityID int64, name string) error {
	cur, _ := e.m.entity(entityID)
	if cur == nil {
		return nil
	}
	a := annotate.Actor{Name: strings.TrimSpace(name), Label: cur.Label}
	if err := annotate.CleanActor(&a, e.m.schema); err != nil {
		return e.fail(err)
	}
	var stored *annotate.Entity
	var reg actorRegistry
	e.status(fmt.Sprintf("Creating actor %q…", a.Name))
	e.save(func(ctx context.Context) error {
		if err := e.store.CreateActor(ctx, &a); err != nil {
			return err
		}
		var err error
		if stored, err = e.store.LinkMention(ctx, e.writes.id(entityID), a.ID); err != nil {
			return err
		}
		// The registry with the new actor, so the chooser offers it next.
		list, err := e.store.Actors(ctx)
		if err == nil {
			reg = indexActors(list)
		}
		return err
	}, func(err error) {
		if err != nil {
			return
		}
		e.actors.actorRegistry, e.actors.loaded = reg, true
		e.addDocActor(a)
		e.replaceEntity(stored.ID, *stored)
		e.afterChange(fmt.Sprintf("Created actor %q (%s) and linked %q to it", a.Name, a.Label, stored.Text))
		e.actorsChanged()
		e.CorpusChanged() // the new actor is proposed for the document's other mentions
	})
	return nil
}

// addDocActor makes an actor known to the open document's annotations.
func (e *Editor) addDocActor(a annotate.Actor) {
	if _, ok := e.m.ann.Actor(a.ID); !ok {
		e.m.ann.Actors = append(e.m.ann.Actors, a)
	}
}

func (e *Editor) countMention(actorID int64, d int) {
	if a := e.actors.actor(actorID); a != nil {
		a.Mentions = max(a.Mentions+d, 0)
	}
}

// pronouns are the English pronouns whose actor is proposed from the
// nearest earlier linked mention.
var pronouns = map[string]bool{
	"he": true, "she": true, "they": true, "it": true, "his": true, "her": true, "hers": true, "him": true,
	"their": true, "theirs": true, "them": true, "its": true, "himself": true, "herself": true,
	"themselves": true, "itself": true, "we": true, "our": true, "us": true,
}

func isPronoun(s string) bool { return pronouns[strings.ToLower(strings.TrimSpace(s))] }

// actorProposal is an actor offered first for a mention, and why.
type actorProposal struct {
	actor *annotate.ActorSummary
	why   string
}

// proposeActors returns the actors the chooser offers first for the
// mention: the actor it links to already; for a pronoun the actor of the nearest earlier linked mention
// (of the same label when there is one); the actors whose name or alias is
// the mention's text; the actors linked in this document to a mention with
// the same text, or whose name has the mention's text as a word ("Lavrov"
// after "Sergei Lavrov").
func (e *Editor) proposeActors(ent *annotate.Entity) []actorProposal {
	c := &e.actors
	if !c.loaded {
		return nil
	}
	var out []actorProposal
	seen := map[int64]bool{}
	add := func(id int64, why string) {
		if a := c.actor(id); a != nil && !seen[id] {
			seen[id] = true
			out = append(out, actorProposal{a, why})
		}
	}
	add(ent.ActorID, "linked now")
	ents := e.m.ann.Entities
	if isPronoun(ent.Text) {
		best, any := int64(0), int64(0)
		bestStart, anyStart := -1, -1
		for i := range ents {
			o := &ents[i]
			if o.ActorID == 0 || o.ID == ent.ID || o.Start >= ent.Start {
				continue
			}
			if o.Start > anyStart {
				any, anyStart = o.ActorID, o.Start
			}
			if o.Label == ent.Label && o.Start > bestStart {
				best, bestStart = o.ActorID, o.Start
			}
		}
		if best == 0 {
			best = any
		}
		add(best, "nearest earlier mention")
		return out
	}
	q := annotate.FoldName(ent.Text)
	if q == "" {
		return nil
	}
	for _, m := range c.index.Filter(ent.Text, 20) {
		if annotate.FoldName(m.Name) == q {
			add(m.Actor.ID, "same name")
		}
	}
	for i := range ents {
		o := &ents[i]
		if o.ActorID == 0 || o.ID == ent.ID {
			continue
		}
		if annotate.FoldName(o.Text) == q {
			add(o.ActorID, "linked in this article")
			continue
		}
		if a := c.actor(o.ActorID); a != nil && hasWord(a.Names(), q) {
			add(o.ActorID, "linked in this article")
		}
	}
	return out
}

// hasWord reports whether one of names, folded, has the folded words q as
// whole words.
func hasWord(names []string, q string) bool {
	for _, n := range names {
		f := " " + annotate.FoldName(n) + " "
		if strings.Contains(f, " "+q+" ") {
			return true
		}
	}
	return false
}

// Read runs a store read of the window's on the writer, after the edits
// queued before it; done runs on the UI goroutine with its error.
func (e *Editor) Read(run func(ctx context.Context) error, done func(err error)) { e.read(run, done) }

// ActorIndex returns the registry as last read, indexed for filtering; nil
// until the first read (ReloadActors starts one).
func (e *Editor) ActorIndex() *annotate.ActorIndex {
	if !e.actors.loaded {
		return nil
	}
	return e.actors.index
}

// ReloadActors reads the registry with its counts again; OnActorsChanged
// follows.
func (e *Editor) ReloadActors() {
	e.actors.loaded = false
	e.loadActors()
}
