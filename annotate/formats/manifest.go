package formats

import (
	"sort"
	"time"

	"golang.org/x/text/unicode/norm"

	"byline/annotate"
)

// Manifest describes an export (FORMATS.md 1.5 and 11.8). It is written as
// manifest.json inside a folder export, or as <out>.manifest.json beside a
// single-file export.
type Manifest struct {
	Format        string `json:"format"`
	FormatVersion string `json:"format_version"`
	Tool          string `json:"tool"`
	ToolVersion   string `json:"tool_version,omitempty"`
	ExportedAt    string `json:"exported_at"`
	// OffsetUnit is "codepoint" or "utf16"; offsets are 0-based, half-open.
	OffsetUnit string `json:"offset_unit"`
	Intervals  string `json:"intervals"`
	// TokenIndex says how token indices count, for the token formats.
	TokenIndex   string `json:"token_index,omitempty"`
	Tokenization string `json:"tokenization,omitempty"`
	Newlines     string `json:"newlines"`
	BOM          string `json:"bom"`
	// UnicodeForm is "NFC" when every exported text is in NFC, else "none"
	// (texts are exported exactly as stored, never re-normalized).
	UnicodeForm        string `json:"unicode_form"`
	QuoteMarksIncluded bool   `json:"quote_marks_included"`
	// Shape is the doccano line shape: "relations" or "label".
	Shape string `json:"shape,omitempty"`
	// Hashes says what Prodigy's _input_hash/_task_hash are.
	Hashes  string          `json:"hashes,omitempty"`
	Filters ManifestFilters `json:"filters"`
	Split   *ManifestSplit  `json:"split,omitempty"`
	Labels  LabelInventory  `json:"labels"`
	// Tags maps a tag column (conll, hf) to its tag names in integer order.
	Tags map[string][]string `json:"tags,omitempty"`
	// LabelConfig is a Label Studio labeling configuration matching the export.
	LabelConfig string         `json:"label_config,omitempty"`
	Counts      Counts         `json:"counts"`
	Files       []ManifestFile `json:"files"`
	Notes       []string       `json:"notes,omitempty"`
	// Path is where the manifest was written (not part of the file).
	Path string `json:"-"`
	// Warnings are for the person who ran the export (not part of the
	// file): a label that matched nothing, a leftover folder.
	Warnings []string `json:"-"`
}

// ManifestFilters records the filters the export ran with.
type ManifestFilters struct {
	Statuses   []annotate.Status `json:"statuses,omitempty"`
	Annotators []string          `json:"annotators,omitempty"`
	Labels     []string          `json:"labels,omitempty"`
}

// ManifestSplit records a train/dev/test split.
type ManifestSplit struct {
	Spec  string   `json:"spec"`
	Seed  int64    `json:"seed"`
	Parts []string `json:"parts"`
	Rule  string   `json:"rule"`
}

// LabelInventory lists the labels an export uses.
type LabelInventory struct {
	Entities   []string `json:"entities"`
	Relations  []string `json:"relations"`
	QuoteKinds []string `json:"quote_kinds"`
	// QuoteSpans and QuoteRelations are the labels the quote layer uses in
	// formats without native quotes.
	QuoteSpans     []string `json:"quote_spans,omitempty"`
	QuoteRelations []string `json:"quote_relations,omitempty"`
}

// Counts counts what was exported, dropped and adjusted.
type Counts struct {
	Documents     int          `json:"documents"`
	Entities      int          `json:"entities"`
	Quotes        int          `json:"quotes"`
	QuoteSegments int          `json:"quote_segments"`
	Cues          int          `json:"cues"`
	Speakers      int          `json:"speakers"`
	Relations     int          `json:"relations"`
	Dropped       []Adjustment `json:"dropped"`
	Adjusted      []Adjustment `json:"adjusted"`
	// Warnings are spans exported as they are that a consumer may stumble
	// on: a boundary inside a grapheme cluster, or whitespace at an edge.
	Warnings []Adjustment `json:"warnings"`
}

// Adjustment counts annotations an export dropped or changed, for one reason.
type Adjustment struct {
	What     string   `json:"what"`
	Reason   string   `json:"reason"`
	Count    int      `json:"count"`
	Examples []string `json:"examples,omitempty"` // "document id: annotation id", first few
}

// ManifestFile is one file (or brat folder) of the export.
type ManifestFile struct {
	Path      string `json:"path"` // relative to the manifest
	Split     string `json:"split,omitempty"`
	Documents int    `json:"documents"`
}

// now is the export time; tests fix it.
var now = time.Now

const maxExamples = 5

// manifestBuilder accumulates a manifest while the export streams.
type manifestBuilder struct {
	m       Manifest
	index   map[[3]string]int // kind ("drop"/"adjust"), what, reason -> position
	nonNFC  bool
	entSeen map[string]bool
	relSeen map[string]bool
}

func newManifestBuilder(spec *formatSpec, opt Options, schema *annotate.Schema) *manifestBuilder {
	b := &manifestBuilder{index: map[[3]string]int{}, entSeen: map[string]bool{}, relSeen: map[string]bool{}}
	m := &b.m
	m.Format = spec.name
	m.FormatVersion = spec.version
	m.Tool = "byline"
	m.ToolVersion = opt.Version
	m.ExportedAt = now().UTC().Format(time.RFC3339)
	m.OffsetUnit = "codepoint"
	m.Intervals = "0-based, half-open [start, end)"
	m.Newlines = "lf"
	m.BOM = "none"
	m.QuoteMarksIncluded = true
	m.Filters = ManifestFilters{Statuses: opt.Statuses, Annotators: opt.Annotators, Labels: opt.Labels}
	m.Labels.Entities = []string{}
	m.Labels.Relations = []string{}
	m.Labels.QuoteKinds = []string{}
	for _, k := range annotate.QuoteKinds {
		m.Labels.QuoteKinds = append(m.Labels.QuoteKinds, string(k))
	}
	m.Counts.Dropped = []Adjustment{}
	m.Counts.Adjusted = []Adjustment{}
	m.Counts.Warnings = []Adjustment{}
	m.Files = []ManifestFile{}
	return b
}

// document counts one exported document's text.
func (b *manifestBuilder) document(text string) {
	b.m.Counts.Documents++
	if !b.nonNFC && !norm.NFC.IsNormalString(text) {
		b.nonNFC = true
	}
}

func (b *manifestBuilder) entity(label string) {
	b.m.Counts.Entities++
	if !b.entSeen[label] {
		b.entSeen[label] = true
	}
}

func (b *manifestBuilder) relation(typ string) {
	b.m.Counts.Relations++
	if !b.relSeen[typ] {
		b.relSeen[typ] = true
	}
}

func (b *manifestBuilder) drop(what, reason, doc, id string) {
	b.note(&b.m.Counts.Dropped, "drop", what, reason, doc, id)
}

func (b *manifestBuilder) adjust(what, reason, doc, id string) {
	b.note(&b.m.Counts.Adjusted, "adjust", what, reason, doc, id)
}

func (b *manifestBuilder) warn(what, reason, doc, id string) {
	b.note(&b.m.Counts.Warnings, "warn", what, reason, doc, id)
}

func (b *manifestBuilder) note(list *[]Adjustment, kind, what, reason, doc, id string) {
	key := [3]string{kind, what, reason}
	i, ok := b.index[key]
	if !ok {
		i = len(*list)
		b.index[key] = i
		*list = append(*list, Adjustment{What: what, Reason: reason})
	}
	a := &(*list)[i]
	a.Count++
	if len(a.Examples) < maxExamples {
		ex := doc
		if id != "" {
			ex += ": " + id
		}
		a.Examples = append(a.Examples, ex)
	}
}

// finish completes the label inventories from the schema (in schema order)
// and what the data used.
func (b *manifestBuilder) finish(schema *annotate.Schema, opt Options) *Manifest {
	m := &b.m
	m.UnicodeForm = "NFC"
	if b.nonNFC {
		m.UnicodeForm = "none"
	}
	m.Labels.Entities = inventory(schema.LabelNames(), b.entSeen, opt.Labels)
	var rels []string
	for _, r := range schema.Relations {
		rels = append(rels, r.Name)
	}
	m.Labels.Relations = inventory(rels, b.relSeen, nil)
	return m
}

// inventory lists the schema's names (restricted to keep when given), then
// any name the data used that the schema lacks, sorted.
func inventory(schema []string, seen map[string]bool, keep []string) []string {
	out := []string{}
	in := map[string]bool{}
	var keepSet map[string]bool
	if len(keep) > 0 {
		keepSet = map[string]bool{}
		for _, k := range keep {
			keepSet[k] = true
		}
	}
	for _, n := range schema {
		if keepSet != nil && !keepSet[n] {
			continue
		}
		out = append(out, n)
		in[n] = true
	}
	var extra []string
	for n := range seen {
		if !in[n] {
			extra = append(extra, n)
		}
	}
	sort.Strings(extra)
	return append(out, extra...)
}
