package formats

import (
	"encoding/json"

	"byline/annotate"
)

// Actors in the flat formats (Prodigy, doccano, Label Studio) travel in the
// per-task meta, under "actors": each actor of the document with its
// mentions as [start, end) code-point ranges of entity spans with the
// actor's label, so a reader can link them back whatever offset unit the
// spans use:
//
//	"actors":[{"id":"A1","name":"Sergei Lavrov","label":"PERSON","aliases":["Lavrov"],
//	           "kb_id":"Q193570","mentions":[[0,13],[44,50]]}]
//
// Prodigy spans also carry spaCy's entity-linking field kb_id: the external
// id, or "Byline:A2" for an actor without one.
type flatActor struct {
	annotate.RecordActor
	Mentions [][2]int `json:"mentions"`
}

// flatActorsNote declares the meta key in the manifest.
const flatActorsNote = `meta.actors lists the document's actors (id, name, label, aliases, kb_id) with their mentions as [start, end) code-point ranges; ids are shared by every document of the export`

// appendFlatActors appends the record's actors as the meta key "actors"
// (with a leading comma), nothing when it has none.
func appendFlatActors(b []byte, rec *annotate.Record) []byte {
	if len(rec.Actors) == 0 {
		return b
	}
	b = append(b, `,"actors":[`...)
	for i := range rec.Actors {
		a := &rec.Actors[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = appendActorFields(b, a)
		b = append(b, `,"mentions":[`...)
		n := 0
		for _, e := range rec.Entities {
			if e.Actor != a.ID {
				continue
			}
			if n > 0 {
				b = append(b, ',')
			}
			n++
			b = appendPair(b, e.Start, e.End)
		}
		b = append(b, "]}"...)
	}
	return append(b, ']')
}

// kbRef is the kb_id a Prodigy span of the entity carries: the actor's
// external id, else its id in the export ("Byline:A2"); "" when the entity
// has no actor.
func kbRef(rec *annotate.Record, e *annotate.RecordEntity) string {
	ref, a := bratReference(rec, e)
	if a != nil && a.KBID != "" {
		return a.KBID
	}
	return ref
}

// takeFlatActors moves meta.actors of a record read back (left among the
// extra metadata by the reader) into the record's actors and links the
// entities at their mentions. Mentions that match no entity of the actor's
// label are passed over.
func takeFlatActors(rec *annotate.Record) error {
	raw, ok := rec.Meta.Extra["actors"]
	if !ok {
		return nil
	}
	var list []flatActor
	if err := json.Unmarshal(raw, &list); err != nil {
		return annotate.Errorf(annotate.EFORMAT, "meta.actors: %v", err)
	}
	delete(rec.Meta.Extra, "actors")
	if len(rec.Meta.Extra) == 0 {
		rec.Meta.Extra = nil
	}
	for _, fa := range list {
		linked := false
		for _, m := range fa.Mentions {
			for i := range rec.Entities {
				if e := &rec.Entities[i]; e.Start == m[0] && e.End == m[1] && e.Label == fa.Label && e.Actor == "" {
					e.Actor, linked = fa.ID, true
					break
				}
			}
		}
		if linked {
			rec.Actors = append(rec.Actors, fa.RecordActor)
		}
	}
	return nil
}

// bratActorsNote declares brat's actor references in the manifest.
const bratActorsNote = `actor links are normalization lines "N1 Reference T1 Wikidata:Q193570 <name>"; an actor without an external id is "Byline:A2", its id in this export`

// declareActors adds note to the manifest once, when the first document
// with actors is written, so exports without actors stay as they were.
func declareActors(m *manifestBuilder, rec *annotate.Record, note string) {
	if len(rec.Actors) == 0 {
		return
	}
	for _, n := range m.m.Notes {
		if n == note {
			return
		}
	}
	m.m.Notes = append(m.m.Notes, note)
}
