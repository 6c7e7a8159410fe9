package formats

import (
	"encoding/json"
	"slices"
	"sort"
	"strconv"

	"byline/annotate"
)

// Prodigy and Label Studio tasks have a free meta object; annotators and
// notes travel there, since neither format has a per-annotation place for
// them. Annotations are named by kind, offsets and label, not by id: ids
// change on import.

// carriedNote is the manifest note of the formats that carry annotators and
// notes in a per-task meta object (appendCarried).
const carriedNote = "meta.annotators lists who made the task's annotations; when they are more than one, meta.annotated_by gives each annotation's annotator as {id, kind, start, end, label, annotator}; meta.notes holds every annotation note as {id, kind, start, end, label, note} (kind entity, quote or relation; a quote's offsets are its first segment's, a relation's are its head's, its label the relation type); the readers put both back"

// carriedEntry is one element of meta.notes or meta.annotated_by.
type carriedEntry struct {
	Kind      string `json:"kind"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Label     string `json:"label"`
	Note      string `json:"note"`
	Annotator string `json:"annotator"`
}

// eachCarried calls fn for every exported annotation of d with the fields
// that name it in meta, its annotator and its note.
func eachCarried(d *docView, fn func(id, kind string, start, end int, label, annotator, note string)) {
	for i := range d.ents {
		e := &d.ents[i]
		fn(e.ID, "entity", e.Start, e.End, e.Label, e.Annotator, e.Note)
	}
	for i := range d.quotes {
		q := &d.quotes[i]
		fn(q.ID, "quote", q.Content[0].Start, q.Content[0].End, quoteLabel, q.Annotator, q.Note)
	}
	for i := range d.rels {
		r := &d.rels[i]
		if h := d.entity(r.Head); h >= 0 {
			fn(r.ID, "relation", d.ents[h].Start, d.ents[h].End, r.Type, r.Annotator, r.Note)
		}
	}
}

// appendCarried appends to an open meta object the annotators of the
// document's exported annotations ("annotators", sorted), each annotation's
// annotator when there are several ("annotated_by") and the notes
// ("notes"), each key only when there is something to say.
func appendCarried(b []byte, d *docView) []byte {
	var names []string // distinct annotators, "" included
	nNotes := 0
	eachCarried(d, func(_, _ string, _, _ int, _, annotator, note string) {
		if !slices.Contains(names, annotator) {
			names = append(names, annotator)
		}
		if note != "" {
			nNotes++
		}
	})
	sort.Strings(names)
	mixed := len(names) > 1
	if len(names) > 0 && names[0] == "" {
		names = names[1:]
	}
	if len(names) > 0 {
		b = append(b, `,"annotators":`...)
		b = appendStrings(b, names)
	}
	list := func(key, field string, value func(annotator, note string) string) {
		b = append(b, `,"`...)
		b = append(b, key...)
		b = append(b, `":[`...)
		n := 0
		eachCarried(d, func(id, kind string, start, end int, label, annotator, note string) {
			v := value(annotator, note)
			if key == "notes" && v == "" {
				return
			}
			if n > 0 {
				b = append(b, ',')
			}
			n++
			b = append(b, `{"id":`...)
			b = appendString(b, id)
			b = append(b, `,"kind":`...)
			b = appendString(b, kind)
			b = append(b, `,"start":`...)
			b = appendInt(b, start)
			b = append(b, `,"end":`...)
			b = appendInt(b, end)
			b = append(b, `,"label":`...)
			b = appendString(b, label)
			b = appendKey(b, field, false)
			b = appendString(b, v)
			b = append(b, '}')
		})
		b = append(b, ']')
	}
	if mixed {
		list("annotated_by", "annotator", func(annotator, _ string) string { return annotator })
	}
	if nNotes > 0 {
		list("notes", "note", func(_, note string) string { return note })
	}
	return b
}

// takeCarried puts the annotators and notes a task's meta carries
// (appendCarried) back on rec's annotations. A single name in
// meta.annotators is every annotation's annotator; meta.annotated_by names
// them one by one. An entry matching no annotation is ignored; entries
// matching several identical annotations are given to them in order.
func takeCarried(rec *annotate.Record, meta map[string]json.RawMessage) error {
	var names []string
	var by, notes []carriedEntry
	for key, dst := range map[string]any{"annotators": &names, "annotated_by": &by, "notes": &notes} {
		if v, ok := meta[key]; ok && json.Unmarshal(v, dst) != nil {
			return annotate.Errorf(annotate.EFORMAT, "meta.%s is not what Byline writes there", key)
		}
	}
	if len(names) == 1 && len(by) == 0 {
		for i := range rec.Entities {
			rec.Entities[i].Annotator = names[0]
		}
		for i := range rec.Quotes {
			rec.Quotes[i].Annotator = names[0]
		}
		for i := range rec.Relations {
			rec.Relations[i].Annotator = names[0]
		}
	}
	if len(by) == 0 && len(notes) == 0 {
		return nil
	}
	// Each annotation, by what names it in meta, as pointers to its
	// annotator and note fields.
	type fields struct{ annotator, note *string }
	index := map[string][]fields{}
	name := func(kind string, start, end int, label string) string {
		return kind + " " + strconv.Itoa(start) + " " + strconv.Itoa(end) + " " + label
	}
	ents := make(map[string]*annotate.RecordEntity, len(rec.Entities))
	for i := range rec.Entities {
		e := &rec.Entities[i]
		ents[e.ID] = e
		k := name("entity", e.Start, e.End, e.Label)
		index[k] = append(index[k], fields{&e.Annotator, &e.Note})
	}
	for i := range rec.Quotes {
		q := &rec.Quotes[i]
		if len(q.Content) > 0 {
			k := name("quote", q.Content[0].Start, q.Content[0].End, quoteLabel)
			index[k] = append(index[k], fields{&q.Annotator, &q.Note})
		}
	}
	for i := range rec.Relations {
		r := &rec.Relations[i]
		if h := ents[r.Head]; h != nil {
			k := name("relation", h.Start, h.End, r.Type)
			index[k] = append(index[k], fields{&r.Annotator, &r.Note})
		}
	}
	apply := func(list []carriedEntry, set func(f fields, e *carriedEntry)) {
		used := map[string]int{}
		for i := range list {
			e := &list[i]
			k := name(e.Kind, e.Start, e.End, e.Label)
			if n := used[k]; n < len(index[k]) {
				set(index[k][n], e)
				used[k] = n + 1
			}
		}
	}
	apply(by, func(f fields, e *carriedEntry) { *f.annotator = e.Annotator })
	apply(notes, func(f fields, e *carriedEntry) { *f.note = e.Note })
	return nil
}
