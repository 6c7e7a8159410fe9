package annotatetest

import (
	"context"

	"byline/annotate"
)

// Schema returns a copy of the schema.
func (m *MemStore) Schema(context.Context) (*annotate.Schema, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.schema.Clone(), nil
}

func (m *MemStore) usage() (labels, types map[string]int) {
	labels, types = map[string]int{}, map[string]int{}
	for _, d := range m.docs {
		for _, e := range d.ann.Entities {
			labels[e.Label]++
		}
		for _, r := range d.ann.Relations {
			types[r.Type]++
		}
	}
	return labels, types
}

// counter counts from a map, as CheckSchemaReplace asks.
func counter(counts map[string]int) func(string) (int, error) {
	return func(name string) (int, error) { return counts[name], nil }
}

// SaveSchema replaces the schema; dropping a label or relation type still in
// use is refused (ECONFLICT).
func (m *MemStore) SaveSchema(_ context.Context, s *annotate.Schema) error {
	if err := s.Validate(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	labels, types := m.usage()
	removed, err := annotate.CheckSchemaReplace(m.schema, s, counter(labels), counter(types))
	if err != nil {
		return err
	}
	m.schema = s.Clone()
	if removed {
		m.raiseFloor()
	}
	m.record(0, annotate.ActionSaveSchema, s.String(), nil, nil, docState{}, docState{})
	return nil
}

// RenameLabel renames an entity label in the schema and on every entity.
// ENOTFOUND, ECONFLICT (the new name is taken), EINVALID.
func (m *MemStore) RenameLabel(_ context.Context, from, to string) error {
	return m.rename("rename_label", from, to, (*annotate.Schema).RenameLabel, func(a *annotate.Annotations) {
		for i := range a.Entities {
			if a.Entities[i].Label == from {
				a.Entities[i].Label = to
			}
		}
	})
}

// RenameRelationType renames a relation type in the schema and on every
// relation.
func (m *MemStore) RenameRelationType(_ context.Context, from, to string) error {
	return m.rename("rename_relation_type", from, to, (*annotate.Schema).RenameRelationType, func(a *annotate.Annotations) {
		for i := range a.Relations {
			if a.Relations[i].Type == from {
				a.Relations[i].Type = to
			}
		}
	})
}

// rename edits a copy of the schema, then every document, and stops undo
// there: older states name the old label.
func (m *MemStore) rename(action, from, to string, edit func(s *annotate.Schema, from, to string) error, apply func(a *annotate.Annotations)) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.schema.Clone()
	if err := edit(s, from, to); err != nil {
		return err
	}
	m.schema = s
	m.rewrite(apply)
	m.raiseFloor()
	m.record(0, action, annotate.ChangeSummary(from, to), nil, nil, docState{}, docState{})
	return nil
}

// rewrite applies a schema-wide edit to every document's annotations,
// outside the per-document history.
func (m *MemStore) rewrite(edit func(a *annotate.Annotations)) {
	for _, d := range m.docs {
		a := cloneAnnotations(d.ann)
		edit(a)
		a.Sort()
		d.ann = a
	}
}

// LabelUsage counts the entities with a label.
func (m *MemStore) LabelUsage(_ context.Context, name string) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	labels, _ := m.usage()
	return labels[name], nil
}

// DeleteLabel removes a label from the schema and the relation types naming
// it, and deletes its entities with their relations and speaker links.
func (m *MemStore) DeleteLabel(_ context.Context, name string) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.schema.Clone()
	s.DropLabel(name)
	m.schema = s
	n := 0
	m.rewrite(func(a *annotate.Annotations) {
		n += removeEntities(a, func(e *annotate.Entity) bool { return e.Label == name }).Entities
	})
	m.raiseFloor()
	m.record(0, annotate.ActionDeleteLabel, annotate.LabelDeleteSummary(name, n), nil, nil, docState{}, docState{})
	return n, nil
}
