package annotate

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// EntityLabel is one entity type of the schema.
type EntityLabel struct {
	Name        string `json:"name"`
	Color       string `json:"color"`            // "#rrggbb"
	Hotkey      string `json:"hotkey,omitempty"` // one key, e.g. "1"
	Description string `json:"description,omitempty"`
}

// AnyLabel in a relation type's Heads or Tails allows every entity label.
const AnyLabel = "*"

// RelationType is one typed link between two entity spans.
type RelationType struct {
	Name        string   `json:"name"`
	Heads       []string `json:"heads"` // allowed head labels; AnyLabel for all
	Tails       []string `json:"tails"` // allowed tail labels; AnyLabel for all
	Symmetric   bool     `json:"symmetric,omitempty"`
	Description string   `json:"description,omitempty"`
}

// QuoteKind says how a quote reports speech.
type QuoteKind string

// Quote kinds.
const (
	QuoteDirect   QuoteKind = "direct"
	QuoteIndirect QuoteKind = "indirect"
	QuotePartial  QuoteKind = "partial"
	QuoteMixed    QuoteKind = "mixed"
)

// QuoteKinds lists the kinds in display order.
var QuoteKinds = []QuoteKind{QuoteDirect, QuoteIndirect, QuotePartial, QuoteMixed}

// Valid reports whether k is a known quote kind.
func (k QuoteKind) Valid() bool {
	for _, v := range QuoteKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Schema is a project's annotation vocabulary.
type Schema struct {
	Entities   []EntityLabel  `json:"entities"`
	Relations  []RelationType `json:"relations"`
	QuoteColor string         `json:"quote_color,omitempty"` // colour of quote bars, "#rrggbb"
	Debris     []string       `json:"debris,omitempty"`      // extra page-debris line patterns (regular expressions)
	// Cues are extra reporting verbs or phrases for quote suggestions
	// ("clarified", "went on to say"), on top of the built-in lexicon.
	Cues []string `json:"cues,omitempty"`
	// Gazetteers list names to suggest per entity label
	// ({"ORG": ["Kremlin", "NATO"]}).
	Gazetteers map[string][]string `json:"gazetteers,omitempty"`
}

// ParseSchema reads a schema file (JSON) and validates it.
func ParseSchema(b []byte) (*Schema, error) {
	var s Schema
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, Errorf(EFORMAT, "schema is not valid: %v", err)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

// MarshalIndent returns the schema as an indented JSON file.
func (s *Schema) MarshalIndent() ([]byte, error) {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

var (
	nameRE  = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.:-]*$`)
	colorRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
)

// Validate checks names, colours, hotkeys and relation label references.
func (s *Schema) Validate() error {
	names := map[string]bool{}
	keys := map[string]string{}
	for _, l := range s.Entities {
		if !nameRE.MatchString(l.Name) {
			return Errorf(EINVALID, "label name %q must be letters, digits, _ . : or -", l.Name)
		}
		if names[l.Name] {
			return Errorf(EINVALID, "label %q is defined twice", l.Name)
		}
		names[l.Name] = true
		if !colorRE.MatchString(l.Color) {
			return Errorf(EINVALID, "label %q: colour %q must look like #1f77b4", l.Name, l.Color)
		}
		if l.Hotkey != "" {
			if RuneCount(l.Hotkey) != 1 {
				return Errorf(EINVALID, "label %q: hotkey %q must be one key", l.Name, l.Hotkey)
			}
			if other, ok := keys[l.Hotkey]; ok {
				return Errorf(EINVALID, "labels %q and %q share hotkey %q", other, l.Name, l.Hotkey)
			}
			keys[l.Hotkey] = l.Name
		}
	}
	rels := map[string]bool{}
	for _, r := range s.Relations {
		if !nameRE.MatchString(r.Name) {
			return Errorf(EINVALID, "relation type name %q must be letters, digits, _ . : or -", r.Name)
		}
		if rels[r.Name] {
			return Errorf(EINVALID, "relation type %q is defined twice", r.Name)
		}
		rels[r.Name] = true
		for _, side := range [][]string{r.Heads, r.Tails} {
			for _, l := range side {
				if l != AnyLabel && !names[l] {
					return Errorf(EINVALID, "relation type %q names unknown label %q", r.Name, l)
				}
			}
		}
	}
	if s.QuoteColor != "" && !colorRE.MatchString(s.QuoteColor) {
		return Errorf(EINVALID, "quote colour %q must look like #1f77b4", s.QuoteColor)
	}
	for label := range s.Gazetteers {
		if !names[label] {
			return Errorf(EINVALID, "gazetteer for unknown label %q", label)
		}
	}
	for _, p := range s.Debris {
		if _, err := regexp.Compile(p); err != nil {
			return Errorf(EINVALID, "debris pattern %q: %v", p, err)
		}
	}
	return nil
}

// Label returns the entity label called name.
func (s *Schema) Label(name string) (EntityLabel, bool) {
	for _, l := range s.Entities {
		if l.Name == name {
			return l, true
		}
	}
	return EntityLabel{}, false
}

// LabelForHotkey returns the entity label bound to key.
func (s *Schema) LabelForHotkey(key string) (EntityLabel, bool) {
	for _, l := range s.Entities {
		if l.Hotkey != "" && l.Hotkey == key {
			return l, true
		}
	}
	return EntityLabel{}, false
}

// RelationType returns the relation type called name.
func (s *Schema) RelationType(name string) (RelationType, bool) {
	for _, r := range s.Relations {
		if r.Name == name {
			return r, true
		}
	}
	return RelationType{}, false
}

func labelIn(list []string, label string) bool {
	for _, l := range list {
		if l == label || l == AnyLabel {
			return true
		}
	}
	return false
}

// Allows reports whether relation type rt may link a head labelled head to a
// tail labelled tail. A symmetric type allows either direction.
func (rt RelationType) Allows(head, tail string) bool {
	if labelIn(rt.Heads, head) && labelIn(rt.Tails, tail) {
		return true
	}
	return rt.Symmetric && labelIn(rt.Heads, tail) && labelIn(rt.Tails, head)
}

// RelationTypesFor returns, in schema order, the relation types allowed from
// a head labelled head to a tail labelled tail.
func (s *Schema) RelationTypesFor(head, tail string) []RelationType {
	var out []RelationType
	for _, r := range s.Relations {
		if r.Allows(head, tail) {
			out = append(out, r)
		}
	}
	return out
}

// CheckRelation returns an EINVALID error when the schema does not allow
// relType between the two labels.
func (s *Schema) CheckRelation(relType, head, tail string) error {
	rt, ok := s.RelationType(relType)
	if !ok {
		return Errorf(EINVALID, "relation type %q is not in the schema", relType)
	}
	if !rt.Allows(head, tail) {
		return Errorf(EINVALID, "relation %s is not allowed from %s to %s", relType, head, tail)
	}
	return nil
}

// Clone returns a deep copy of s.
func (s *Schema) Clone() *Schema {
	c := &Schema{QuoteColor: s.QuoteColor}
	c.Entities = append([]EntityLabel(nil), s.Entities...)
	c.Debris = append([]string(nil), s.Debris...)
	c.Cues = append([]string(nil), s.Cues...)
	if s.Gazetteers != nil {
		c.Gazetteers = make(map[string][]string, len(s.Gazetteers))
		for k, v := range s.Gazetteers {
			c.Gazetteers[k] = append([]string(nil), v...)
		}
	}
	for _, r := range s.Relations {
		r.Heads = append([]string(nil), r.Heads...)
		r.Tails = append([]string(nil), r.Tails...)
		c.Relations = append(c.Relations, r)
	}
	return c
}

// fallbackColors colour labels that arrive without one (peer imports).
var fallbackColors = []string{"#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#9a6324", "#469990", "#808000"}

// EnsureLabel adds an entity label called name when the schema lacks it and
// reports whether it did.
func (s *Schema) EnsureLabel(name string) bool {
	if _, ok := s.Label(name); ok {
		return false
	}
	s.Entities = append(s.Entities, EntityLabel{
		Name:  name,
		Color: fallbackColors[len(s.Entities)%len(fallbackColors)],
	})
	return true
}

// EnsureRelationType adds a relation type called name (allowing any labels)
// when the schema lacks it and reports whether it did.
func (s *Schema) EnsureRelationType(name string) bool {
	if _, ok := s.RelationType(name); ok {
		return false
	}
	s.Relations = append(s.Relations, RelationType{Name: name, Heads: []string{AnyLabel}, Tails: []string{AnyLabel}})
	return true
}

// LabelNames returns the entity label names in schema order.
func (s *Schema) LabelNames() []string {
	out := make([]string, len(s.Entities))
	for i, l := range s.Entities {
		out[i] = l.Name
	}
	return out
}

// String names the schema's size, for logs.
func (s *Schema) String() string {
	return fmt.Sprintf("schema(%d labels, %d relation types)", len(s.Entities), len(s.Relations))
}
