package annotate

import (
	"fmt"
	"strconv"
	"strings"
)

// Apply merges the update into e. s is consulted only when the update
// changes the label, which must be in it (EINVALID); e is unchanged then.
func (u *EntityUpdate) Apply(e *Entity, s *Schema) error {
	if u.Label != nil {
		if _, ok := s.Label(*u.Label); !ok {
			return Errorf(EINVALID, "entity label %q is not in the schema", *u.Label)
		}
		e.Label = *u.Label
	}
	if u.Note != nil {
		e.Note = *u.Note
	}
	return nil
}

// Apply merges the update into q: what a store does before PrepareQuote.
// An update may not leave the quote without a kind (EINVALID); q is
// unchanged then.
func (u *QuoteUpdate) Apply(q *Quote) error {
	kind := q.Kind
	if u.Kind != nil {
		kind = *u.Kind
	}
	if kind == "" {
		return Errorf(EINVALID, "a quote needs a kind")
	}
	q.Kind = kind
	if u.Content != nil {
		q.Content = u.Content
	}
	switch {
	case u.ClearCue:
		q.Cue = nil
	case u.Cue != nil:
		q.Cue = u.Cue
	}
	switch {
	case u.ClearSpeaker:
		q.SpeakerID = 0
	case u.SpeakerID != nil:
		q.SpeakerID = *u.SpeakerID
	}
	if u.Note != nil {
		q.Note = *u.Note
	}
	return nil
}

// PrepareQuote is what a store does to a quote before saving it: the kind
// defaults from the quotation marks, the segments are copied and sorted, the
// quote is validated (ValidateQuote, with entities as the document's
// candidate speakers) and the texts of its segments and cue are filled in
// from the document. The cue is replaced by a copy, never written through.
func PrepareQuote(x *TextIndex, q *Quote, entities map[int64]*Entity) error {
	if q.Kind == "" {
		q.Kind = QuoteKindFor(q.Content, x)
	}
	q.Content = append([]Segment(nil), q.Content...)
	q.SortSegments()
	if err := ValidateQuote(x, q, entities); err != nil {
		return err
	}
	for i := range q.Content {
		q.Content[i].Text = x.Slice(q.Content[i].Start, q.Content[i].End)
	}
	if q.Cue != nil {
		cue := *q.Cue
		cue.Text = x.Slice(cue.Start, cue.End)
		q.Cue = &cue
	}
	return nil
}

// Apply merges the update into r.
func (u *RelationUpdate) Apply(r *Relation) {
	if u.Type != nil {
		r.Type = *u.Type
	}
	if u.Reverse {
		r.HeadID, r.TailID = r.TailID, r.HeadID
	}
	if u.Note != nil {
		r.Note = *u.Note
	}
}

// RenameLabel renames an entity label, also where relation types name it,
// and validates the result. ENOTFOUND, ECONFLICT (to is taken), EINVALID.
func (s *Schema) RenameLabel(from, to string) error {
	if _, ok := s.Label(from); !ok {
		return Errorf(ENOTFOUND, "label %s is not in the schema", from)
	}
	if _, ok := s.Label(to); ok {
		return Errorf(ECONFLICT, "label %s already exists", to)
	}
	for i := range s.Entities {
		if s.Entities[i].Name == from {
			s.Entities[i].Name = to
		}
	}
	for i := range s.Relations {
		replaceName(s.Relations[i].Heads, from, to)
		replaceName(s.Relations[i].Tails, from, to)
	}
	if names, ok := s.Gazetteers[from]; ok {
		delete(s.Gazetteers, from)
		s.Gazetteers[to] = names
	}
	return s.Validate()
}

// RenameRelationType renames a relation type and validates the result.
// ENOTFOUND, ECONFLICT (to is taken), EINVALID.
func (s *Schema) RenameRelationType(from, to string) error {
	if _, ok := s.RelationType(from); !ok {
		return Errorf(ENOTFOUND, "relation type %s is not in the schema", from)
	}
	if _, ok := s.RelationType(to); ok {
		return Errorf(ECONFLICT, "relation type %s already exists", to)
	}
	for i := range s.Relations {
		if s.Relations[i].Name == from {
			s.Relations[i].Name = to
		}
	}
	return s.Validate()
}

// DropLabel removes an entity label and every mention of it in the relation
// types' heads and tails.
func (s *Schema) DropLabel(name string) {
	s.Entities = dropWhere(s.Entities, func(l EntityLabel) bool { return l.Name == name })
	for i := range s.Relations {
		r := &s.Relations[i]
		r.Heads = dropWhere(r.Heads, func(l string) bool { return l == name })
		r.Tails = dropWhere(r.Tails, func(l string) bool { return l == name })
	}
	delete(s.Gazetteers, name)
}

// DropRelationType removes a relation type.
func (s *Schema) DropRelationType(name string) {
	s.Relations = dropWhere(s.Relations, func(r RelationType) bool { return r.Name == name })
}

func replaceName(list []string, from, to string) {
	for i := range list {
		if list[i] == from {
			list[i] = to
		}
	}
}

// dropWhere removes the elements gone selects, in place.
func dropWhere[T any](list []T, gone func(T) bool) []T {
	out := list[:0]
	for _, v := range list {
		if !gone(v) {
			out = append(out, v)
		}
	}
	return out
}

// CheckSchemaReplace is the rule for replacing the schema old with next:
// a label or relation type that annotations still use may not be left out
// (ECONFLICT, naming the counts; rename or delete it instead). entities and
// relations count the annotations with a label or a relation type; their
// errors are returned as they are. dropped reports whether next leaves out
// anything of old, after which undo must not cross the change.
func CheckSchemaReplace(old, next *Schema, entities, relations func(name string) (int, error)) (dropped bool, err error) {
	var labels, types []string
	for _, l := range old.Entities {
		if _, kept := next.Label(l.Name); !kept {
			labels = append(labels, l.Name)
		}
	}
	for _, r := range old.Relations {
		if _, kept := next.RelationType(r.Name); !kept {
			types = append(types, r.Name)
		}
	}
	dropped = len(labels)+len(types) > 0
	var inUse []string
	for _, g := range []struct {
		names     []string
		count     func(string) (int, error)
		what, one string // "label %s is used by %d " + one or its plural
		many      string
	}{
		{labels, entities, "label", "entity", "entities"},
		{types, relations, "relation type", "relation", "relations"},
	} {
		for _, name := range g.names {
			n, err := g.count(name)
			if err != nil {
				return dropped, err
			}
			if n > 0 {
				inUse = append(inUse, fmt.Sprintf("%s %s is used by %s", g.what, name, Plural(n, g.one, g.many)))
			}
		}
	}
	if len(inUse) > 0 {
		return dropped, Errorf(ECONFLICT, "cannot remove what annotations still use: %s. Delete or rename it instead.",
			strings.Join(inUse, "; "))
	}
	return dropped, nil
}

// Plural writes a count with its noun for a message: "1 quote", "3
// quotes"; many, when given, is the plural where an added "s" is wrong
// ("entities").
func Plural(n int, one string, many ...string) string {
	word := one
	if n != 1 {
		word = one + "s"
		if len(many) > 0 {
			word = many[0]
		}
	}
	return strconv.Itoa(n) + " " + word
}

// CleanAnnotator is the name a store records for an annotator: trimmed of
// surrounding white space, and not empty (EINVALID).
func CleanAnnotator(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", Errorf(EINVALID, "the annotator name must not be empty")
	}
	return name, nil
}
