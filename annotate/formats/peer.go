package formats

import (
	"bufio"
	"encoding/json"
	"io"
	"sort"
	"strconv"
	"strings"

	"byline/annotate"
)

// The peer readers turn each format's spans and relations into peerSpans and
// peerRels and let assemble rebuild Byline's model: spans labelled QUOTE
// (any case) are quote content segments, grouped into one quote by a shared
// quote id or CONTINUES relations; SPEAKER and CUE relations from a quote
// give its speaker entity and its cue (a CUE span; CUE spans no quote uses
// stay entities); every other span is an entity and every other relation a
// relation between entities.

type peerSpan struct {
	key        string // the format's handle for the span
	start, end int
	label      string
	text       string // the text the file claims, "" when it has none
	quoteID    string // groups the segments of one quote
	kind       string
	note       string
}

type peerRel struct {
	head, tail string // span keys
	label      string
	note       string
}

func isQuoteLabel(l string) bool { return strings.EqualFold(l, quoteLabel) }
func isCueLabel(l string) bool   { return strings.EqualFold(l, cueLabel) }

// assemble fills rec's entities, quotes and relations. Spans with the same
// key are one span (a format may repeat a span across tasks).
func assemble(rec *annotate.Record, spans []peerSpan, rels []peerRel) error {
	byKey := map[string]int{}
	var list []peerSpan
	for _, s := range spans {
		if i, ok := byKey[s.key]; ok {
			if list[i].start != s.start || list[i].end != s.end || list[i].label != s.label {
				return annotate.Errorf(annotate.EFORMAT, "span id %s is used for two different spans", s.key)
			}
			continue
		}
		if s.label == "" {
			return annotate.Errorf(annotate.EFORMAT, "span %s has no label", s.key)
		}
		byKey[s.key] = len(list)
		list = append(list, s)
	}
	// Group quote segments: union-find over quote spans.
	parent := make([]int, len(list))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) { parent[find(a)] = find(b) }
	byQuoteID := map[string]int{}
	for i, s := range list {
		if !isQuoteLabel(s.label) || s.quoteID == "" {
			continue
		}
		if j, ok := byQuoteID[s.quoteID]; ok {
			union(i, j)
		} else {
			byQuoteID[s.quoteID] = i
		}
	}
	lookup := func(key string) (int, error) {
		i, ok := byKey[key]
		if !ok {
			return 0, annotate.Errorf(annotate.EFORMAT, "a relation refers to span %s, which is not in the document", key)
		}
		return i, nil
	}
	speaker := map[int]int{} // quote root -> span
	cue := map[int]int{}
	usedCue := map[int]bool{}
	var entityRels []peerRel
	for _, r := range rels {
		h, err := lookup(r.head)
		if err != nil {
			return err
		}
		t, err := lookup(r.tail)
		if err != nil {
			return err
		}
		hq, tq := isQuoteLabel(list[h].label), isQuoteLabel(list[t].label)
		switch {
		case strings.EqualFold(r.label, continuesRel) && hq && tq:
			union(h, t)
		case strings.EqualFold(r.label, speakerRel) && (hq || tq) && hq != tq:
			if tq {
				h, t = t, h
			}
			speaker[h] = t // resolved to the root below
		case strings.EqualFold(r.label, cueRel) && hq && isCueLabel(list[t].label):
			cue[h] = t
			usedCue[t] = true
		case hq || tq:
			return annotate.Errorf(annotate.EFORMAT, "relation %s links a quote span; only SPEAKER, CUE and CONTINUES can", r.label)
		default:
			entityRels = append(entityRels, r)
		}
	}
	// Entities, in canonical order, identical spans merged.
	var ents []int
	for i, s := range list {
		if !isQuoteLabel(s.label) && !usedCue[i] {
			ents = append(ents, i)
		}
	}
	sort.SliceStable(ents, func(a, b int) bool {
		x, y := &list[ents[a]], &list[ents[b]]
		if x.start != y.start {
			return x.start < y.start
		}
		if x.end != y.end {
			return x.end > y.end
		}
		return x.label < y.label
	})
	entID := map[int]string{}
	same := map[[3]string]string{}
	rec.Entities = []annotate.RecordEntity{}
	for _, i := range ents {
		s := &list[i]
		k := [3]string{strconv.Itoa(s.start), strconv.Itoa(s.end), s.label}
		if id, ok := same[k]; ok {
			entID[i] = id
			continue
		}
		id := "T" + strconv.Itoa(len(rec.Entities)+1)
		same[k] = id
		entID[i] = id
		rec.Entities = append(rec.Entities, annotate.RecordEntity{ID: id, Start: s.start, End: s.end, Label: s.label, Text: s.text, Note: s.note})
	}
	// Quotes.
	groups := map[int][]int{}
	var roots []int
	for i, s := range list {
		if isQuoteLabel(s.label) {
			r := find(i)
			if _, ok := groups[r]; !ok {
				roots = append(roots, r)
			}
			groups[r] = append(groups[r], i)
		}
	}
	for _, r := range roots {
		sort.SliceStable(groups[r], func(a, b int) bool { return list[groups[r][a]].start < list[groups[r][b]].start })
	}
	sort.SliceStable(roots, func(a, b int) bool { return list[groups[roots[a]][0]].start < list[groups[roots[b]][0]].start })
	rec.Quotes = []annotate.RecordQuote{}
	for n, r := range roots {
		q := annotate.RecordQuote{ID: "Q" + strconv.Itoa(n+1)}
		for _, i := range groups[r] {
			s := &list[i]
			q.Content = append(q.Content, annotate.Segment{Start: s.start, End: s.end, Text: s.text})
			if q.Kind == "" && annotate.QuoteKind(strings.ToLower(s.kind)).Valid() {
				q.Kind = annotate.QuoteKind(strings.ToLower(s.kind))
			}
			if q.Note == "" {
				q.Note = s.note
			}
			if sp, ok := speaker[i]; ok && q.Speaker == "" {
				id, isEnt := entID[sp]
				if !isEnt {
					return annotate.Errorf(annotate.EFORMAT, "the speaker of a quote must be an entity span, not %s", list[sp].label)
				}
				q.Speaker = id
			}
			if c, ok := cue[i]; ok && q.Cue == nil {
				cs := &list[c]
				q.Cue = &annotate.Segment{Start: cs.start, End: cs.end, Text: cs.text}
			}
		}
		rec.Quotes = append(rec.Quotes, q)
	}
	rec.Relations = []annotate.RecordRelation{}
	seenRel := map[[3]string]bool{}
	for _, r := range entityRels {
		h, t := entID[byKey[r.head]], entID[byKey[r.tail]]
		k := [3]string{r.label, h, t}
		if seenRel[k] {
			continue
		}
		seenRel[k] = true
		rec.Relations = append(rec.Relations, annotate.RecordRelation{
			ID: "R" + strconv.Itoa(len(rec.Relations)+1), Type: r.label, Head: h, Tail: t, Note: r.note})
	}
	return nil
}

// metaField stores a peer's metadata key into rec: the id, the status, the
// known metadata fields, or an extra key kept verbatim. skip lists keys the
// format uses itself.
func metaField(rec *annotate.Record, k string, v json.RawMessage, skip map[string]bool) {
	if skip[k] {
		return
	}
	var s string
	isString := json.Unmarshal(v, &s) == nil
	switch {
	case k == "article_id" && isString:
		rec.ID = s
		return
	case k == "status" && isString && annotate.Status(s).Valid():
		rec.Status = annotate.Status(s)
		return
	}
	rec.Meta.SetKey(k, v)
}

// newRecord returns an empty record for text.
func newRecord(text string, line int) *annotate.Record {
	return &annotate.Record{Text: text, Line: line, Entities: []annotate.RecordEntity{}, Quotes: []annotate.RecordQuote{}, Relations: []annotate.RecordRelation{}}
}

// jsonlLines reads a JSONL stream and calls fn for each non-blank line, with
// its line number; a line over maxLine bytes is refused unread.
func jsonlLines(r io.Reader, maxLine int, fn func(line []byte, n int) error) error {
	lr := annotate.NewLineReader(r)
	lr.Max = maxLine
	for {
		b, n, err := lr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return annotate.AtLine(err, "", n)
		}
		if err := annotate.CheckUTF8(b); err != nil {
			return &annotate.Error{Code: annotate.EFORMAT, Line: n, Message: err.Error()}
		}
		if err := annotate.CheckSurrogateEscapes(b); err != nil {
			return annotate.AtLine(err, "", n)
		}
		if err := fn(b, n); err != nil {
			return annotate.AtLine(err, "", n)
		}
	}
}

// jsonArray reads a JSON array from r element by element and calls fn with
// each element's bytes (checked for valid UTF-8 and paired surrogate escapes)
// and its 0-based index. An element over maxElem bytes is refused. what says
// what the file should have been, for a file that is no array.
func jsonArray(r io.Reader, maxElem int, what string, fn func(raw []byte, i int) error) error {
	br := bufio.NewReaderSize(r, 1<<16)
	if b, err := br.Peek(3); err == nil && string(b) == "\uFEFF" {
		_, _ = br.Discard(3)
	}
	dec := json.NewDecoder(br)
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return annotate.Errorf(annotate.EFORMAT, "%s", what)
	}
	for i := 0; dec.More(); i++ {
		start := dec.InputOffset()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return annotate.Errorf(annotate.EFORMAT, "%s: element %d: %v", what, i+1, err)
		}
		if maxElem > 0 && dec.InputOffset()-start > int64(maxElem) {
			return annotate.Errorf(annotate.EFORMAT, "element %d is over %.0f MB, more than a record may take (raise the limit with --max-size)", i+1, float64(maxElem)/(1<<20))
		}
		if err := annotate.CheckUTF8(raw); err != nil {
			return annotate.Errorf(annotate.EFORMAT, "element %d: %v", i+1, err)
		}
		if err := annotate.CheckSurrogateEscapes(raw); err != nil {
			return annotate.Errorf(annotate.EFORMAT, "element %d: %s", i+1, annotate.ErrorMessage(err))
		}
		if err := fn(raw, i); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return annotate.Errorf(annotate.EFORMAT, "%s: %v", what, err)
	}
	return nil
}

// firstLine returns the first non-blank line of head, for Detect.
func firstLine(head []byte) []byte {
	s := strings.TrimLeft(strings.TrimPrefix(string(head), "\uFEFF"), " \t\r\n")
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return []byte(s)
}

func jsonErr(err error) error {
	return annotate.Errorf(annotate.EFORMAT, "not valid JSON: %v", err)
}
