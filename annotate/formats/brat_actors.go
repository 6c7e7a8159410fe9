package formats

import (
	"strconv"
	"strings"

	"byline/annotate"
)

// Actor links in brat are normalization lines (FORMATS.md 7):
//
//	N1	Reference T1 Wikidata:Q193570	Sergei Lavrov
//	N2	Reference T4 Byline:A2	Russian Foreign Ministry
//
// an actor with an external id (a Wikidata QID) refers to Wikidata, one
// without to the actor's id in the export, shared by every document of it.
// The text field is the actor's name.
const (
	bratWikidata = "Wikidata"
	bratByline   = "Byline"
)

// bratReference returns the reference of the entity's actor, "" when it has
// none.
func bratReference(rec *annotate.Record, e *annotate.RecordEntity) (ref string, a *annotate.RecordActor) {
	if e.Actor == "" {
		return "", nil
	}
	a, ok := rec.RecordActor(e.Actor)
	if !ok {
		return "", nil
	}
	if a.KBID != "" {
		return bratWikidata + ":" + a.KBID, a
	}
	return bratByline + ":" + a.ID, a
}

// appendBratReference appends the N line linking T line t to the entity's
// actor, if it has one; n counts the N lines.
func appendBratReference(b []byte, n *int, t int, rec *annotate.Record, e *annotate.RecordEntity) []byte {
	ref, a := bratReference(rec, e)
	if ref == "" {
		return b
	}
	*n++
	b = append(b, 'N')
	b = strconv.AppendInt(b, int64(*n), 10)
	b = append(b, "\tReference T"...)
	b = strconv.AppendInt(b, int64(t), 10)
	b = append(b, ' ')
	b = append(b, ref...)
	b = append(b, '\t')
	b = append(b, oneLine(a.Name)...)
	return append(b, '\n')
}

// bratRef is one N line read back.
type bratRef struct {
	target, ref, name string
}

// parseBratReference reads the body of an N line ("Reference T1
// Wikidata:Q193570") and its text; ok is false for lines that are not a
// reference to a span.
func parseBratReference(body []string, text string) (bratRef, bool) {
	if len(body) != 3 || body[0] != "Reference" || !strings.Contains(body[2], ":") {
		return bratRef{}, false
	}
	return bratRef{target: body[1], ref: body[2], name: strings.TrimSpace(text)}, true
}

// linkBratReferences gives the record's entities the actors their N lines
// name. The actor's id is the reference itself, so documents of one export
// that name the same actor share it; its label is the entity's.
func linkBratReferences(rec *annotate.Record, refs []bratRef, spanOf func(target string) (start, end int, label string, ok bool)) {
	for _, r := range refs {
		start, end, label, ok := spanOf(r.target)
		if !ok {
			continue
		}
		for i := range rec.Entities {
			e := &rec.Entities[i]
			if e.Start != start || e.End != end || e.Label != label || e.Actor != "" {
				continue
			}
			e.Actor = r.ref
			if _, seen := rec.RecordActor(r.ref); !seen {
				a := annotate.RecordActor{ID: r.ref, Name: r.name, Label: label}
				if db, id, _ := strings.Cut(r.ref, ":"); db == bratWikidata {
					a.KBID = id
				}
				if a.Name == "" {
					a.Name = e.Text
				}
				rec.Actors = append(rec.Actors, a)
			}
			break
		}
	}
}
