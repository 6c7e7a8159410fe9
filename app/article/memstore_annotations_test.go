package article

import (
	"context"
	"fmt"

	"byline/annotate"
)

// The annotation half of memStore: every change goes through change(), which
// records the event that undo and redo replay.

func (s *memStore) CreateEntity(_ context.Context, e *annotate.Entity) error {
	x, err := s.docIndex(e.DocumentID)
	if err != nil {
		return err
	}
	if err := annotate.ValidateEntity(x, s.schema, e); err != nil {
		return err
	}
	for _, o := range s.ann[e.DocumentID].Entities {
		if o.Start == e.Start && o.End == e.End && o.Label == e.Label {
			return annotate.Errorf(annotate.ECONFLICT, "this span already has label %s", e.Label)
		}
	}
	e.Text = x.Slice(e.Start, e.End)
	e.ID, e.Annotator = s.id(), s.annotator
	e.Created, e.Updated = s.tick(), s.now
	return s.change(e.DocumentID, "create_entity", fmt.Sprintf("%s %q", e.Label, e.Text), func(a *annotate.Annotations) error {
		a.Entities = append(a.Entities, *e)
		return nil
	})
}

func (s *memStore) UpdateEntity(_ context.Context, id int64, upd annotate.EntityUpdate) (*annotate.Entity, error) {
	docID, i, err := s.findDoc(id, KindEntity)
	if err != nil {
		return nil, err
	}
	var out annotate.Entity
	err = s.change(docID, "update_entity", "entity", func(a *annotate.Annotations) error {
		e := &a.Entities[i]
		if upd.Label != nil {
			if _, ok := s.schema.Label(*upd.Label); !ok {
				return annotate.Errorf(annotate.EINVALID, "entity label %q is not in the schema", *upd.Label)
			}
			e.Label = *upd.Label
			// A relabel must still fit the relations that use the span.
			ents := annotate.EntityMap(a.Entities)
			for k := range a.Relations {
				if err := annotate.ValidateRelation(s.schema, &a.Relations[k], ents, true); err != nil {
					return err
				}
			}
		}
		if upd.Note != nil {
			e.Note = *upd.Note
		}
		e.Updated = s.tick()
		e.Annotator = s.annotator
		out = *e
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

func (s *memStore) DeleteEntity(_ context.Context, id int64) (annotate.DeleteResult, error) {
	var res annotate.DeleteResult
	docID, i, err := s.findDoc(id, KindEntity)
	if err != nil {
		return res, err
	}
	err = s.change(docID, "delete_entity", "entity", func(a *annotate.Annotations) error {
		a.Entities = append(a.Entities[:i], a.Entities[i+1:]...)
		res.Entities = 1
		kept := a.Relations[:0]
		for _, r := range a.Relations {
			if r.HeadID == id || r.TailID == id {
				res.Relations++
				continue
			}
			kept = append(kept, r)
		}
		a.Relations = kept
		for k := range a.Quotes {
			if a.Quotes[k].SpeakerID == id {
				a.Quotes[k].SpeakerID = 0
				res.Speakers++
			}
		}
		return nil
	})
	return res, err
}

func (s *memStore) CreateQuote(_ context.Context, q *annotate.Quote) error {
	x, err := s.docIndex(q.DocumentID)
	if err != nil {
		return err
	}
	if err := annotate.ValidateQuote(x, q, annotate.EntityMap(s.ann[q.DocumentID].Entities)); err != nil {
		return err
	}
	fillSegments(x, q)
	q.ID, q.Annotator = s.id(), s.annotator
	q.Created, q.Updated = s.tick(), s.now
	return s.change(q.DocumentID, "create_quote", "quote", func(a *annotate.Annotations) error {
		a.Quotes = append(a.Quotes, *cloneQuote(q))
		return nil
	})
}

func cloneQuote(q *annotate.Quote) *annotate.Quote {
	c := *q
	c.Content = append([]annotate.Segment(nil), q.Content...)
	if q.Cue != nil {
		cue := *q.Cue
		c.Cue = &cue
	}
	return &c
}

func fillSegments(x *annotate.TextIndex, q *annotate.Quote) {
	for i := range q.Content {
		q.Content[i].Text = x.Slice(q.Content[i].Start, q.Content[i].End)
	}
	if q.Cue != nil {
		q.Cue.Text = x.Slice(q.Cue.Start, q.Cue.End)
	}
	q.SortSegments()
}

func (s *memStore) UpdateQuote(_ context.Context, id int64, upd annotate.QuoteUpdate) (*annotate.Quote, error) {
	docID, i, err := s.findDoc(id, KindQuote)
	if err != nil {
		return nil, err
	}
	x, _ := s.docIndex(docID)
	var out *annotate.Quote
	err = s.change(docID, "update_quote", "quote", func(a *annotate.Annotations) error {
		q := cloneQuote(&a.Quotes[i])
		if upd.Kind != nil {
			q.Kind = *upd.Kind
		}
		if upd.Content != nil {
			q.Content = append([]annotate.Segment(nil), upd.Content...)
		}
		if upd.Cue != nil {
			cue := *upd.Cue
			q.Cue = &cue
		}
		if upd.ClearCue {
			q.Cue = nil
		}
		if upd.SpeakerID != nil {
			q.SpeakerID = *upd.SpeakerID
		}
		if upd.ClearSpeaker {
			q.SpeakerID = 0
		}
		if upd.Note != nil {
			q.Note = *upd.Note
		}
		if err := annotate.ValidateQuote(x, q, annotate.EntityMap(a.Entities)); err != nil {
			return err
		}
		fillSegments(x, q)
		q.Updated = s.tick()
		a.Quotes[i] = *q
		out = cloneQuote(q)
		return nil
	})
	return out, err
}

func (s *memStore) DeleteQuote(_ context.Context, id int64) error {
	docID, i, err := s.findDoc(id, KindQuote)
	if err != nil {
		return err
	}
	return s.change(docID, "delete_quote", "quote", func(a *annotate.Annotations) error {
		a.Quotes = append(a.Quotes[:i], a.Quotes[i+1:]...)
		return nil
	})
}

func (s *memStore) CreateRelation(_ context.Context, r *annotate.Relation) error {
	a, ok := s.ann[r.DocumentID]
	if !ok {
		return annotate.Errorf(annotate.ENOTFOUND, "document %d not found", r.DocumentID)
	}
	if err := annotate.ValidateRelation(s.schema, r, annotate.EntityMap(a.Entities), true); err != nil {
		return err
	}
	r.ID, r.Annotator = s.id(), s.annotator
	r.Created, r.Updated = s.tick(), s.now
	return s.change(r.DocumentID, "create_relation", r.Type, func(a *annotate.Annotations) error {
		a.Relations = append(a.Relations, *r)
		return nil
	})
}

func (s *memStore) UpdateRelation(_ context.Context, id int64, upd annotate.RelationUpdate) (*annotate.Relation, error) {
	docID, i, err := s.findDoc(id, KindRelation)
	if err != nil {
		return nil, err
	}
	var out annotate.Relation
	err = s.change(docID, "update_relation", "relation", func(a *annotate.Annotations) error {
		r := a.Relations[i]
		if upd.Type != nil {
			r.Type = *upd.Type
		}
		if upd.Reverse {
			r.HeadID, r.TailID = r.TailID, r.HeadID
		}
		if upd.Note != nil {
			r.Note = *upd.Note
		}
		if err := annotate.ValidateRelation(s.schema, &r, annotate.EntityMap(a.Entities), true); err != nil {
			return err
		}
		r.Updated = s.tick()
		a.Relations[i] = r
		out = r
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

func (s *memStore) DeleteRelation(_ context.Context, id int64) error {
	docID, i, err := s.findDoc(id, KindRelation)
	if err != nil {
		return err
	}
	return s.change(docID, "delete_relation", "relation", func(a *annotate.Annotations) error {
		a.Relations = append(a.Relations[:i], a.Relations[i+1:]...)
		return nil
	})
}
