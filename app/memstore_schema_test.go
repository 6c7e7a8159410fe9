package app

import (
	"context"

	"byline/annotate"
)

func (m *memStore) Schema(context.Context) (*annotate.Schema, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.schema.Clone(), nil
}

func (m *memStore) usage() (labels, types map[string]int) {
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

func (m *memStore) SaveSchema(_ context.Context, s *annotate.Schema) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := s.Validate(); err != nil {
		return err
	}
	labels, types := m.usage()
	for name, n := range labels {
		if _, ok := s.Label(name); !ok {
			return annotate.Errorf(annotate.ECONFLICT, "label %s is used by %d entities", name, n)
		}
	}
	for name, n := range types {
		if _, ok := s.RelationType(name); !ok {
			return annotate.Errorf(annotate.ECONFLICT, "relation type %s is used by %d relations", name, n)
		}
	}
	m.schema = s.Clone()
	m.version++
	return nil
}

func (m *memStore) RenameLabel(_ context.Context, from, to string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	next := m.schema.Clone()
	found := false
	for i := range next.Entities {
		if next.Entities[i].Name == from {
			next.Entities[i].Name, found = to, true
		}
	}
	if !found {
		return annotate.Errorf(annotate.ENOTFOUND, "label %s does not exist", from)
	}
	for i := range next.Relations {
		for _, side := range [][]string{next.Relations[i].Heads, next.Relations[i].Tails} {
			for j := range side {
				if side[j] == from {
					side[j] = to
				}
			}
		}
	}
	if err := next.Validate(); err != nil {
		return err
	}
	m.schema = next
	for _, d := range m.docs {
		for i := range d.ann.Entities {
			if d.ann.Entities[i].Label == from {
				d.ann.Entities[i].Label = to
			}
		}
	}
	m.version++
	return nil
}

func (m *memStore) RenameRelationType(_ context.Context, from, to string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	next := m.schema.Clone()
	found := false
	for i := range next.Relations {
		if next.Relations[i].Name == from {
			next.Relations[i].Name, found = to, true
		}
	}
	if !found {
		return annotate.Errorf(annotate.ENOTFOUND, "relation type %s does not exist", from)
	}
	if err := next.Validate(); err != nil {
		return err
	}
	m.schema = next
	for _, d := range m.docs {
		for i := range d.ann.Relations {
			if d.ann.Relations[i].Type == from {
				d.ann.Relations[i].Type = to
			}
		}
	}
	m.version++
	return nil
}

func (m *memStore) LabelUsage(_ context.Context, name string) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	labels, _ := m.usage()
	return labels[name], nil
}

func without(list []string, name string) []string {
	out := list[:0]
	for _, s := range list {
		if s != name {
			out = append(out, s)
		}
	}
	return out
}
