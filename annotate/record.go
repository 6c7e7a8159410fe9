package annotate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"time"
)

// FormatVersion is the version of Byline's native JSONL format.
const FormatVersion = 1

// Record is one line of Byline's native JSONL: a document with all its
// annotations. Annotation ids ("T1", "Q1", "R1") are unique within the record;
// speaker, head and tail refer to entity ids.
type Record struct {
	ID        string           `json:"id"`
	Text      string           `json:"text"`
	Meta      Meta             `json:"meta"`
	Status    Status           `json:"status,omitempty"`
	Imported  string           `json:"imported,omitempty"` // RFC 3339
	Debris    []Range          `json:"debris,omitempty"`
	Entities  []RecordEntity   `json:"entities"`
	Quotes    []RecordQuote    `json:"quotes"`
	Relations []RecordRelation `json:"relations"`
	// Actors are the registry entries the entities link to, so each line
	// stays self-contained; their ids are shared by every line of a file.
	Actors []RecordActor `json:"actors,omitempty"`

	// Line is the input line the record came from, for error messages.
	Line int `json:"-"`
	// Notices say what a reader mapped or left out on the way in (e.g.
	// brat events it skipped); PrepareRecord returns them as warnings, so
	// the import summary shows them.
	Notices []string `json:"-"`
}

// RecordEntity is an entity span in a record.
type RecordEntity struct {
	ID        string `json:"id"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Label     string `json:"label"`
	Text      string `json:"text"`
	Actor     string `json:"actor,omitempty"` // id of a RecordActor
	Annotator string `json:"annotator,omitempty"`
	Note      string `json:"note,omitempty"`
	Created   string `json:"created,omitempty"`
	Updated   string `json:"updated,omitempty"`
}

// RecordActor is an actor in a record.
type RecordActor struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Label   string   `json:"label"`
	Aliases []string `json:"aliases,omitempty"`
	KBID    string   `json:"kb_id,omitempty"`
	Note    string   `json:"note,omitempty"`
}

// RecordQuote is a quote in a record.
type RecordQuote struct {
	ID        string    `json:"id"`
	Kind      QuoteKind `json:"kind"`
	Content   []Segment `json:"content"`
	Cue       *Segment  `json:"cue,omitempty"`
	Speaker   string    `json:"speaker,omitempty"`
	Annotator string    `json:"annotator,omitempty"`
	Note      string    `json:"note,omitempty"`
	Created   string    `json:"created,omitempty"`
	Updated   string    `json:"updated,omitempty"`
}

// RecordRelation is a relation in a record.
type RecordRelation struct {
	ID        string `json:"id"`
	Type      string `json:"type"`
	Head      string `json:"head"`
	Tail      string `json:"tail"`
	Annotator string `json:"annotator,omitempty"`
	Note      string `json:"note,omitempty"`
	Created   string `json:"created,omitempty"`
	Updated   string `json:"updated,omitempty"`
}

// FormatTime writes a time as UTC RFC 3339 with nanoseconds trimmed, "" for zero.
func FormatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// ParseTime reads FormatTime's output; "" gives the zero time.
func ParseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.RFC3339Nano, s)
}

// NewRecord converts a stored document and its annotations into a record.
// Ids are assigned in canonical order (T1.., Q1.., R1..), so the same data
// always gives the same record.
func NewRecord(doc *Document, ann *Annotations) *Record {
	var b RecordBuilder
	return b.Build(doc, ann)
}

// Annotated reports whether the record carries any annotation.
func (r *Record) Annotated() bool {
	return len(r.Entities)+len(r.Quotes)+len(r.Relations) > 0
}

// PrepareRecord checks a record before import and completes it: the text
// must be valid, every span in range with matching text (a missing span text
// is filled in), ids unique, and every speaker, head and tail an entity of the
// record. Labels and relation types missing from schema are added to it; a
// relation the schema does not allow between its labels is kept. Both are
// returned as warnings for the import summary.
func PrepareRecord(r *Record, schema *Schema) (warnings []string, err error) {
	warnings = append(warnings, r.Notices...)
	if r.Status == "" {
		r.Status = StatusTodo
	}
	if !r.Status.Valid() {
		return nil, Errorf(EINVALID, "status %q is not one of todo, in_progress, done, skipped", r.Status)
	}
	if r.Imported != "" {
		if _, err := ParseTime(r.Imported); err != nil {
			return nil, Errorf(EINVALID, "imported time %q is not RFC 3339", r.Imported)
		}
	}
	x := NewTextIndex(r.Text)
	for _, d := range r.Debris {
		if err := CheckSpan(x, "debris range", d.Start, d.End, ""); err != nil {
			return nil, err
		}
	}
	actorWarnings, err := prepareActors(r, schema)
	if err != nil {
		return nil, err
	}
	warnings = append(warnings, actorWarnings...)
	labels := map[string]string{}
	for i := range r.Entities {
		e := &r.Entities[i]
		what := fmt.Sprintf("entity %s", e.ID)
		if e.ID == "" {
			return nil, Errorf(EINVALID, "entity %d has no id", i+1)
		}
		if _, dup := labels[e.ID]; dup {
			return nil, Errorf(EINVALID, "entity id %s is used twice", e.ID)
		}
		if err := CheckSpan(x, what, e.Start, e.End, e.Text); err != nil {
			return nil, err
		}
		if e.Text == "" {
			e.Text = x.Slice(e.Start, e.End)
		}
		if e.Label == "" {
			return nil, Errorf(EINVALID, "%s has no label", what)
		}
		if schema.EnsureLabel(e.Label) {
			warnings = append(warnings, fmt.Sprintf("label %q added to the schema", e.Label))
		}
		labels[e.ID] = e.Label
		if err := checkTimes(what, e.Created, e.Updated); err != nil {
			return nil, err
		}
	}
	seen := map[string]bool{}
	for i := range r.Quotes {
		q := &r.Quotes[i]
		what := fmt.Sprintf("quote %s", q.ID)
		if q.ID == "" {
			return nil, Errorf(EINVALID, "quote %d has no id", i+1)
		}
		if seen[q.ID] {
			return nil, Errorf(EINVALID, "quote id %s is used twice", q.ID)
		}
		seen[q.ID] = true
		if q.Kind == "" {
			q.Kind = QuoteKindFor(q.Content, x)
		}
		if q.Speaker != "" {
			if _, ok := labels[q.Speaker]; !ok {
				return nil, Errorf(EINVALID, "%s: speaker %s is not an entity of this document", what, q.Speaker)
			}
		}
		tmp := Quote{Kind: q.Kind, Content: q.Content, Cue: q.Cue}
		if err := ValidateQuote(x, &tmp, nil); err != nil {
			return nil, Errorf(EINVALID, "%s: %s", what, err.(*Error).Message)
		}
		for j := range q.Content {
			if q.Content[j].Text == "" {
				q.Content[j].Text = x.Slice(q.Content[j].Start, q.Content[j].End)
			}
		}
		if q.Cue != nil && q.Cue.Text == "" {
			q.Cue.Text = x.Slice(q.Cue.Start, q.Cue.End)
		}
		if err := checkTimes(what, q.Created, q.Updated); err != nil {
			return nil, err
		}
	}
	for i := range r.Relations {
		rel := &r.Relations[i]
		what := fmt.Sprintf("relation %s", rel.ID)
		if rel.ID == "" {
			return nil, Errorf(EINVALID, "relation %d has no id", i+1)
		}
		if seen[rel.ID] {
			return nil, Errorf(EINVALID, "id %s is used twice", rel.ID)
		}
		seen[rel.ID] = true
		hl, ok := labels[rel.Head]
		if !ok {
			return nil, Errorf(EINVALID, "%s: head %s is not an entity of this document", what, rel.Head)
		}
		tl, ok := labels[rel.Tail]
		if !ok {
			return nil, Errorf(EINVALID, "%s: tail %s is not an entity of this document", what, rel.Tail)
		}
		if rel.Head == rel.Tail {
			return nil, Errorf(EINVALID, "%s links entity %s to itself", what, rel.Head)
		}
		if rel.Type == "" {
			return nil, Errorf(EINVALID, "%s has no type", what)
		}
		if schema.EnsureRelationType(rel.Type) {
			warnings = append(warnings, fmt.Sprintf("relation type %q added to the schema", rel.Type))
		} else if err := schema.CheckRelation(rel.Type, hl, tl); err != nil {
			warnings = append(warnings, fmt.Sprintf("record %q: %s: %s (kept)", r.ID, what, err.(*Error).Message))
		}
		if err := checkTimes(what, rel.Created, rel.Updated); err != nil {
			return nil, err
		}
	}
	return warnings, nil
}

func checkTimes(what string, ts ...string) error {
	for _, t := range ts {
		if _, err := ParseTime(t); err != nil {
			return Errorf(EINVALID, "%s: time %q is not RFC 3339", what, t)
		}
	}
	return nil
}

// Encoder writes records as JSON Lines: one object per "\n"-terminated line,
// UTF-8 without HTML escaping, with U+2028, U+2029 and U+0085 escaped so that
// readers splitting on any line break still see one record per line.
type Encoder struct {
	buf bytes.Buffer
	w   io.Writer
	enc *json.Encoder
}

// NewEncoder returns an encoder writing to w.
func NewEncoder(w io.Writer) *Encoder {
	e := &Encoder{w: w}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
	return e
}

// Encode writes v as one line.
func (e *Encoder) Encode(v any) error {
	e.buf.Reset()
	if err := e.enc.Encode(v); err != nil {
		return err
	}
	// encoding/json escapes U+2028/U+2029 already; NEL (C2 85) it leaves raw.
	b := e.buf.Bytes()
	if bytes.Contains(b, []byte{0xC2, 0x85}) {
		b = bytes.ReplaceAll(b, []byte{0xC2, 0x85}, []byte(`\u0085`))
	}
	_, err := e.w.Write(b)
	return err
}

// SortedLabels returns the keys of a count map, sorted.
func SortedLabels(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
