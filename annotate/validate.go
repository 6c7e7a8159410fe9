package annotate

import "fmt"

// CheckSpan validates a span [start, end) against the document text and, when
// text is not "", the text the span claims to cover.
func CheckSpan(x *TextIndex, what string, start, end int, text string) error {
	n := x.Len()
	switch {
	case start < 0 || end < 0:
		return Errorf(EINVALID, "%s [%d, %d) has a negative offset", what, start, end)
	case start >= end:
		return Errorf(EINVALID, "%s [%d, %d) is empty: start must be before end", what, start, end)
	case end > n:
		return Errorf(EINVALID, "%s [%d, %d) is out of range: the text has %d characters", what, start, end, n)
	}
	if got := x.Slice(start, end); text != "" && got != text {
		return Errorf(EINVALID, "%s [%d, %d): text %q does not match the document, which has %q there", what, start, end, text, got)
	}
	return nil
}

// ValidateEntity checks an entity against the document text and schema.
func ValidateEntity(x *TextIndex, s *Schema, e *Entity) error {
	if err := CheckSpan(x, "entity", e.Start, e.End, e.Text); err != nil {
		return err
	}
	if _, ok := s.Label(e.Label); !ok {
		return Errorf(EINVALID, "entity label %q is not in the schema", e.Label)
	}
	return nil
}

// ValidateQuote checks a quote's segments, cue and kind. The speaker, when
// set, must be one of entities (the entities of the same document).
func ValidateQuote(x *TextIndex, q *Quote, entities map[int64]*Entity) error {
	if !q.Kind.Valid() {
		return Errorf(EINVALID, "quote kind %q is not one of direct, indirect, partial, mixed", q.Kind)
	}
	if len(q.Content) == 0 {
		return Errorf(EINVALID, "a quote needs at least one content segment")
	}
	for i, seg := range q.Content {
		if err := CheckSpan(x, fmt.Sprintf("quote segment %d", i+1), seg.Start, seg.End, seg.Text); err != nil {
			return err
		}
		for _, other := range q.Content[:i] {
			if seg.Start < other.End && other.Start < seg.End {
				return Errorf(EINVALID, "quote segments [%d, %d) and [%d, %d) overlap", other.Start, other.End, seg.Start, seg.End)
			}
		}
	}
	if q.Cue != nil {
		if err := CheckSpan(x, "quote cue", q.Cue.Start, q.Cue.End, q.Cue.Text); err != nil {
			return err
		}
	}
	if q.SpeakerID != 0 {
		if _, ok := entities[q.SpeakerID]; !ok {
			return Errorf(EINVALID, "the quote's speaker is not an entity of this document")
		}
	}
	return nil
}

// ValidateRelation checks that both ends are distinct entities of the same
// document and, when strict, that the schema allows the type between their
// labels.
func ValidateRelation(s *Schema, r *Relation, entities map[int64]*Entity, strict bool) error {
	head, ok := entities[r.HeadID]
	if !ok {
		return Errorf(EINVALID, "relation %s: the head is not an entity of this document", r.Type)
	}
	tail, ok := entities[r.TailID]
	if !ok {
		return Errorf(EINVALID, "relation %s: the tail is not an entity of this document", r.Type)
	}
	if r.HeadID == r.TailID {
		return Errorf(EINVALID, "relation %s links a span to itself", r.Type)
	}
	if strict {
		return s.CheckRelation(r.Type, head.Label, tail.Label)
	}
	if _, ok := s.RelationType(r.Type); !ok {
		return Errorf(EINVALID, "relation type %q is not in the schema", r.Type)
	}
	return nil
}

// EntityMap indexes entities by id.
func EntityMap(list []Entity) map[int64]*Entity {
	m := make(map[int64]*Entity, len(list))
	for i := range list {
		m[list[i].ID] = &list[i]
	}
	return m
}
