package annotate

import (
	"fmt"
	"slices"
)

// prepareActors checks a record's actors and the entities' links to them:
// ids unique, a name and a label each (a label the schema lacks is added to
// it, as for entities), every entity's actor one of the record's.
func prepareActors(r *Record, schema *Schema) (warnings []string, err error) {
	ids := make(map[string]bool, len(r.Actors))
	for i := range r.Actors {
		a := &r.Actors[i]
		if a.ID == "" {
			return nil, Errorf(EINVALID, "actor %d has no id", i+1)
		}
		if ids[a.ID] {
			return nil, Errorf(EINVALID, "actor id %s is used twice", a.ID)
		}
		ids[a.ID] = true
		if a.Label == "" {
			return nil, Errorf(EINVALID, "actor %s has no label", a.ID)
		}
		if schema.EnsureLabel(a.Label) {
			warnings = append(warnings, fmt.Sprintf("label %q added to the schema", a.Label))
		}
		tmp := Actor{Name: a.Name, Label: a.Label, Aliases: a.Aliases, KBID: a.KBID}
		if err := CleanActor(&tmp, nil); err != nil {
			return nil, Errorf(EINVALID, "actor %s: %s", a.ID, err.(*Error).Message)
		}
		a.Name, a.KBID = tmp.Name, tmp.KBID
		if len(a.Aliases) > 0 {
			a.Aliases = tmp.Aliases
		}
	}
	for i := range r.Entities {
		if e := &r.Entities[i]; e.Actor != "" && !ids[e.Actor] {
			return nil, Errorf(EINVALID, "entity %s: actor %s is not an actor of this document", e.ID, e.Actor)
		}
	}
	return warnings, nil
}

// ActorKey is how an import recognises an actor it already stores: by
// external id when there is one, else by name and label.
func ActorKey(name, label, kbID string) string {
	if kbID != "" {
		return "kb\x00" + kbID
	}
	return "name\x00" + label + "\x00" + name
}

// RecordActor returns the record's actor with id.
func (r *Record) RecordActor(id string) (*RecordActor, bool) {
	for i := range r.Actors {
		if r.Actors[i].ID == id {
			return &r.Actors[i], true
		}
	}
	return nil, false
}

// ActorRegistry is what an import needs of a store's actor registry,
// within the import's transaction.
type ActorRegistry interface {
	// ActorsWithKey returns the stored actors with the external id, or
	// (when kbID is "") with the name and label, oldest first.
	ActorsWithKey(name, label, kbID string) ([]Actor, error)
	// InsertActor stores a new actor and sets its ID.
	InsertActor(a *Actor) error
	// ReplaceActor stores a changed actor.
	ReplaceActor(a *Actor) error
}

// ActorImport resolves the actors of imported records to stored ones, for
// one import transaction. Lines of one file share actor ids ("A1" on every
// line is one actor), so an actor seen earlier in the import with the same
// id, name, label and external id is the same one. Otherwise a stored actor
// with the same external id (else the same name and label) is merged with
// it; an actor created earlier in this import under another id is never
// merged with it, so two namesakes of one file stay two. Of several stored
// namesakes, one not yet taken by another id of the import is chosen, so
// importing a file with two namesakes again keeps them apart. Its zero
// value is ready.
type ActorImport struct {
	seen    map[string]int64 // record id + identity -> stored id
	created map[int64]bool   // stored ids created by this import
	taken   map[int64]string // stored id -> the record actor id that took it
}

// Resolve returns the stored id of each of the record's actors by record
// id, creating or merging them in reg, and counts what it did in out.
func (im *ActorImport) Resolve(reg ActorRegistry, rec *Record, out *ImportOutcome) (map[string]int64, error) {
	if len(rec.Actors) == 0 {
		return nil, nil
	}
	if im.seen == nil {
		im.seen, im.created, im.taken = map[string]int64{}, map[int64]bool{}, map[int64]string{}
	}
	ids := make(map[string]int64, len(rec.Actors))
	for i := range rec.Actors {
		ra := &rec.Actors[i]
		key := ra.ID + "\x00" + ActorKey(ra.Name, ra.Label, ra.KBID)
		if id, ok := im.seen[key]; ok {
			ids[ra.ID] = id
			continue
		}
		candidates, err := reg.ActorsWithKey(ra.Name, ra.Label, ra.KBID)
		if err != nil {
			return nil, err
		}
		in := Actor{Name: ra.Name, Label: ra.Label, Aliases: CleanAliases(ra.Name, ra.Aliases), KBID: ra.KBID, Note: ra.Note}
		stored := im.choose(candidates, ra.ID)
		if stored == nil {
			if err := reg.InsertActor(&in); err != nil {
				return nil, err
			}
			im.created[in.ID] = true
			out.ActorsCreated++
			ids[ra.ID] = in.ID
			im.taken[in.ID] = ra.ID
		} else {
			merged := Merged(stored, &in)
			if !sameActorFields(stored, &merged) {
				if err := reg.ReplaceActor(&merged); err != nil {
					return nil, err
				}
			}
			out.ActorsMerged++
			ids[ra.ID] = stored.ID
			if _, ok := im.taken[stored.ID]; !ok {
				im.taken[stored.ID] = ra.ID
			}
		}
		im.seen[key] = ids[ra.ID]
	}
	return ids, nil
}

// choose picks the stored actor a record actor (id) merges with: the first
// candidate stored before this import that no other id of the import has
// taken, else the first stored before it; nil when there is none.
func (im *ActorImport) choose(candidates []Actor, id string) *Actor {
	var first *Actor
	for k := range candidates {
		c := &candidates[k]
		if im.created[c.ID] {
			continue
		}
		if owner, ok := im.taken[c.ID]; !ok || owner == id {
			return c
		}
		if first == nil {
			first = c
		}
	}
	return first
}

func sameActorFields(x, y *Actor) bool {
	return x.Name == y.Name && x.Label == y.Label && x.KBID == y.KBID && x.Note == y.Note && slices.Equal(x.Aliases, y.Aliases)
}
