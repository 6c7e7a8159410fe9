package formats

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"byline/annotate"
)

// BratReader reads brat standoff: a DOC.txt whose sibling DOC.ann exists.
// The text is read as brat reads it (UTF-8, CRLF and CR turned into LF, the
// rest unchanged); T lines become entities, or quote segments (type Quote)
// and cues (type Cue); R lines relations, SPEAKER and CUE links, and
// CONTINUES between two Quote spans joins them into one quote; the QuoteType
// attribute the quote kind; AnnotatorNotes the notes. The fragments of a
// discontinuous span may come in any order (they are sorted); fragments
// separated only by line breaks or tabs are one span again (the exporter
// split it there). Any other discontinuous span is never widened: a Quote's
// fragments are its segments, and any other type becomes one entity per
// fragment, each linked to the next by a CONTINUES relation. Events whose
// roles include Content (any case, with or without a number: Content2) are
// attributions and become quotes: the Content arguments its segments, the
// Cue argument (or else the trigger) its cue, the Source argument its
// speaker; spans used only as content, cue or trigger are not imported as
// entities. Other events, and N and equivalence lines, are skipped; the
// import summary counts what was mapped and skipped. The .ann files of a
// folder are not claimed by any reader, so a folder import skips them.
type BratReader struct{}

// Name implements annotate.Reader.
func (BratReader) Name() string { return "brat" }

// Detect implements annotate.Reader.
func (BratReader) Detect(path string, head []byte) bool {
	if strings.ToLower(filepath.Ext(path)) != ".txt" {
		return false
	}
	fi, err := os.Stat(annPath(path))
	return err == nil && fi.Mode().IsRegular()
}

func annPath(txt string) string { return strings.TrimSuffix(txt, filepath.Ext(txt)) + ".ann" }

// Read implements annotate.Reader.
func (BratReader) Read(path string, data []byte, opt annotate.ReadOptions) ([]*annotate.Record, error) {
	ann, err := os.ReadFile(annPath(path))
	if err != nil {
		return nil, annotate.Errorf(annotate.EFORMAT, "cannot read the brat annotations %s: %v", filepath.Base(annPath(path)), err)
	}
	id := opt.ExternalID
	if id == "" {
		id = filepath.Base(path)
	}
	id = strings.TrimSuffix(id, filepath.Ext(id))
	rec, err := parseBrat(id, data, ann)
	if e, ok := err.(*annotate.Error); ok && e.File == bratAnnName(id) {
		e.File = annPath(path) // the .ann file is to blame, not the .txt
	}
	if err != nil {
		return nil, err
	}
	return []*annotate.Record{rec}, nil
}

func bratAnnName(id string) string { return id + ".ann" }

// bratEvent is an E line: its trigger and its role:argument pairs.
type bratEvent struct {
	id, typ, trigger string
	roles, args      []string
}

// parseBrat builds a record from a .txt and its .ann. Errors about a line of
// the .ann name it as their file (DOC.ann) and line.
func parseBrat(id string, txt, ann []byte) (*annotate.Record, error) {
	if err := annotate.CheckUTF8(txt); err != nil {
		return nil, annotate.Errorf(annotate.EFORMAT, "%v", err)
	}
	if err := annotate.CheckUTF8(ann); err != nil {
		return nil, &annotate.Error{Code: annotate.EFORMAT, File: bratAnnName(id), Message: err.Error()}
	}
	rec := newRecord(annotate.NormalizeNewlines(string(txt)), 0)
	rec.ID = id
	x := annotate.NewTextIndex(rec.Text)
	var spans []peerSpan
	index := map[string]int{} // T id -> its first span
	var rels []peerRel
	relIndex := map[string]int{}
	type attr struct{ target, name, value string }
	var attrs []attr
	type note struct{ target, text string }
	var notes []note
	var refs []bratRef
	var events []bratEvent
	fragmented := 0
	for n, line := range strings.Split(string(ann), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		fail := func(msg string) error {
			return &annotate.Error{Code: annotate.EFORMAT, File: bratAnnName(id), Line: n + 1, Message: msg}
		}
		fields := strings.SplitN(line, "\t", 3)
		if len(fields) < 2 {
			return nil, fail("expected an id, a tab and the annotation")
		}
		aid, body := fields[0], strings.Fields(fields[1])
		if aid == "" {
			return nil, fail("the line has no annotation id")
		}
		if len(body) == 0 {
			return nil, fail("empty annotation")
		}
		switch aid[0] {
		case 'T':
			frags, err := bratOffsets(strings.TrimPrefix(fields[1], body[0]))
			if err != nil {
				return nil, fail(err.Error())
			}
			// The text field lists the fragments in the order written.
			var parts []string
			for _, f := range frags {
				if !x.InRange(f.Start, f.End) {
					return nil, fail("span " + strconv.Itoa(f.Start) + "-" + strconv.Itoa(f.End) + " is outside the text")
				}
				parts = append(parts, x.Slice(f.Start, f.End))
			}
			if len(fields) == 3 && fields[2] != strings.Join(parts, " ") {
				return nil, fail("the text " + strconv.Quote(fields[2]) + " does not match the .txt, which has " + strconv.Quote(strings.Join(parts, " ")))
			}
			frags, err = sortFragments(frags)
			if err != nil {
				return nil, fail(err.Error())
			}
			if _, dup := index[aid]; dup {
				return nil, fail("id " + aid + " is used twice")
			}
			index[aid] = len(spans)
			label := body[0]
			segs := joinBreaks(x, frags)
			if isQuoteLabel(label) {
				for _, seg := range segs {
					spans = append(spans, peerSpan{key: aid + "#" + strconv.Itoa(seg.Start), start: seg.Start, end: seg.End, label: label, quoteID: aid})
				}
				// The first segment stands for the quote in relations.
				spans[index[aid]].key = aid
				continue
			}
			if len(segs) > 1 {
				fragmented++
			}
			for k, seg := range segs {
				key := aid
				if k > 0 {
					key = aid + "#" + strconv.Itoa(k)
					rels = append(rels, peerRel{head: spans[len(spans)-1].key, tail: key, label: continuesRel})
				}
				spans = append(spans, peerSpan{key: key, start: seg.Start, end: seg.End, label: label})
			}
		case 'R':
			if len(body) != 3 {
				return nil, fail("a relation needs a type and two arguments")
			}
			r1, a1, ok1 := strings.Cut(body[1], ":")
			r2, a2, ok2 := strings.Cut(body[2], ":")
			if !ok1 || !ok2 {
				return nil, fail("relation arguments look like Arg1:T1")
			}
			if strings.EqualFold(r2, bratQuote) && !strings.EqualFold(r1, bratQuote) {
				a1, a2 = a2, a1
			}
			relIndex[aid] = len(rels)
			rels = append(rels, peerRel{head: a1, tail: a2, label: body[0]})
		case 'E':
			typ, trigger, ok := strings.Cut(body[0], ":")
			if !ok {
				return nil, fail("an event starts with TYPE:TRIGGER, e.g. Attribution:T3")
			}
			ev := bratEvent{id: aid, typ: typ, trigger: trigger}
			for _, a := range body[1:] {
				role, arg, ok := strings.Cut(a, ":")
				if !ok {
					return nil, fail("event arguments look like Source:T1")
				}
				ev.roles = append(ev.roles, strings.ToLower(strings.TrimRight(role, "0123456789")))
				ev.args = append(ev.args, arg)
			}
			events = append(events, ev)
		case 'A', 'M':
			if len(body) < 2 {
				return nil, fail("an attribute needs a name and a target")
			}
			a := attr{name: body[0], target: body[1]}
			if len(body) > 2 {
				a.value = body[2]
			}
			attrs = append(attrs, a)
		case '#':
			if len(body) >= 2 && len(fields) == 3 {
				notes = append(notes, note{target: body[1], text: fields[2]})
			}
		case 'N':
			if r, ok := parseBratReference(body, fields[len(fields)-1]); ok && len(fields) == 3 {
				refs = append(refs, r)
			}
		case '*':
		default:
			return nil, fail("unknown annotation type " + strconv.Quote(aid))
		}
	}
	for _, a := range attrs {
		if i, ok := index[a.target]; ok && strings.EqualFold(a.name, bratQuoteType) {
			for j := i; j < len(spans) && spans[j].quoteID == a.target; j++ {
				spans[j].kind = strings.ToLower(a.value)
			}
		}
	}
	for _, nt := range notes {
		if i, ok := index[nt.target]; ok {
			spans[i].note = nt.text
		} else if i, ok := relIndex[nt.target]; ok {
			rels[i].note = nt.text
		}
	}
	if fragmented > 0 {
		rec.Notices = append(rec.Notices, fmt.Sprintf("brat %s.ann: %d discontinuous span(s) imported as one entity per fragment, linked by %s relations", id, fragmented, continuesRel))
	}
	// The spans the references name, before attributions regroup them.
	refSpans := map[string]peerSpan{}
	for _, r := range refs {
		if i, ok := index[r.target]; ok {
			refSpans[r.target] = spans[i]
		}
	}
	spans, rels, err := bratAttributions(rec, id, spans, rels, index, events)
	if err != nil {
		return nil, err
	}
	if err := assemble(rec, spans, rels); err != nil {
		return nil, &annotate.Error{Code: annotate.EFORMAT, File: bratAnnName(id), Message: annotate.ErrorMessage(err)}
	}
	linkBratReferences(rec, refs, func(target string) (int, int, string, bool) {
		s, ok := refSpans[target]
		return s.start, s.end, s.label, ok
	})
	return rec, nil
}

// bratAttributions turns attribution events into quotes (see BratReader):
// new QUOTE and CUE spans keyed by the event, and SPEAKER and CUE relations.
// Spans used only as an event's content, cue or trigger are left out.
func bratAttributions(rec *annotate.Record, id string, spans []peerSpan, rels []peerRel, index map[string]int, events []bratEvent) ([]peerSpan, []peerRel, error) {
	if len(events) == 0 {
		return spans, rels, nil
	}
	consumed := map[string]bool{}
	kept := map[string]bool{} // T ids another line still needs
	for _, r := range rels {
		h, t := strings.SplitN(r.head, "#", 2)[0], strings.SplitN(r.tail, "#", 2)[0]
		if h != t { // not the link between two fragments of one span
			kept[h], kept[t] = true, true
		}
	}
	// fragments returns the spans of T id aid (one per fragment).
	fragments := func(aid string) []peerSpan {
		i, ok := index[aid]
		if !ok {
			return nil
		}
		out := []peerSpan{spans[i]}
		for j := i + 1; j < len(spans) && strings.HasPrefix(spans[j].key, aid+"#"); j++ {
			out = append(out, spans[j])
		}
		return out
	}
	quotes, skipped := 0, 0
	for _, ev := range events {
		var content []string
		cue, source := "", ""
		for k, role := range ev.roles {
			switch role {
			case "content":
				content = append(content, ev.args[k])
			case "cue":
				cue = ev.args[k]
			case "source":
				source = ev.args[k]
			}
		}
		if len(content) == 0 {
			skipped++
			continue
		}
		if cue == "" {
			cue = ev.trigger
		}
		first := ""
		for _, c := range content {
			frags := fragments(c)
			if frags == nil {
				return nil, nil, &annotate.Error{Code: annotate.EFORMAT, File: bratAnnName(id),
					Message: fmt.Sprintf("event %s: content %s is not a text-bound annotation (T line) of the file", ev.id, c)}
			}
			consumed[c] = true
			for _, f := range frags {
				key := ev.id + "#" + f.key
				if first == "" {
					first = key
				}
				spans = append(spans, peerSpan{key: key, start: f.start, end: f.end, label: quoteLabel, quoteID: ev.id, note: f.note})
			}
		}
		if frags := fragments(cue); len(frags) > 0 {
			consumed[cue] = true
			key := ev.id + "#cue"
			spans = append(spans, peerSpan{key: key, start: frags[0].start, end: frags[len(frags)-1].end, label: cueLabel})
			rels = append(rels, peerRel{head: first, tail: key, label: cueRel})
		}
		if _, ok := index[source]; ok {
			kept[source] = true
			rels = append(rels, peerRel{head: first, tail: source, label: speakerRel})
		}
		quotes++
	}
	out := spans[:0:0]
	for _, s := range spans {
		aid := strings.SplitN(s.key, "#", 2)[0]
		if consumed[aid] && !kept[aid] {
			continue
		}
		out = append(out, s)
	}
	// Drop the CONTINUES links of left-out fragments.
	have := map[string]bool{}
	for _, s := range out {
		have[s.key] = true
	}
	keptRels := rels[:0:0]
	for _, r := range rels {
		if have[r.head] && have[r.tail] {
			keptRels = append(keptRels, r)
		}
	}
	if quotes > 0 {
		rec.Notices = append(rec.Notices, fmt.Sprintf("brat %s.ann: %d attribution event(s) imported as quotes", id, quotes))
	}
	if skipped > 0 {
		rec.Notices = append(rec.Notices, fmt.Sprintf("brat %s.ann: %d event(s) skipped: no Content role, so not an attribution", id, skipped))
	}
	return out, keptRels, nil
}

// bratOffsets parses "S E;S E..." in the order written.
func bratOffsets(s string) ([]annotate.Segment, error) {
	var out []annotate.Segment
	for _, part := range strings.Split(strings.TrimSpace(s), ";") {
		f := strings.Fields(part)
		if len(f) != 2 {
			return nil, annotate.Errorf(annotate.EFORMAT, "offsets %q must look like \"START END\"", part)
		}
		a, err1 := strconv.Atoi(f[0])
		b, err2 := strconv.Atoi(f[1])
		if err1 != nil || err2 != nil || a < 0 || b <= a {
			return nil, annotate.Errorf(annotate.EFORMAT, "offsets %q are not a non-empty range", part)
		}
		out = append(out, annotate.Segment{Start: a, End: b})
	}
	return out, nil
}

// sortFragments sorts the fragments of a discontinuous span by position, as
// brat accepts them in any order, and refuses fragments that overlap.
func sortFragments(frags []annotate.Segment) ([]annotate.Segment, error) {
	slices.SortStableFunc(frags, func(a, b annotate.Segment) int { return a.Start - b.Start })
	for i := 1; i < len(frags); i++ {
		if frags[i].Start < frags[i-1].End {
			return nil, annotate.Errorf(annotate.EFORMAT, "fragments %d-%d and %d-%d overlap", frags[i-1].Start, frags[i-1].End, frags[i].Start, frags[i].End)
		}
	}
	return frags, nil
}

// joinBreaks merges fragments separated only by line breaks or tabs: the
// exporter split a span crossing them there, it is one span.
func joinBreaks(x *annotate.TextIndex, frags []annotate.Segment) []annotate.Segment {
	out := []annotate.Segment{frags[0]}
	for _, f := range frags[1:] {
		last := &out[len(out)-1]
		gap := x.Slice(last.End, f.Start)
		onlyBreaks := true
		for _, r := range gap {
			if !isBratBreak(r) {
				onlyBreaks = false
				break
			}
		}
		if onlyBreaks {
			last.End = f.End
		} else {
			out = append(out, f)
		}
	}
	return out
}

// Readers returns the peer-format readers in detection order, most specific
// first; put them before Byline's own JSONL and plain-text readers.
func Readers() []annotate.Reader {
	return []annotate.Reader{LabelStudioReader{}, BratReader{}, ProdigyReader{}, DoccanoReader{}}
}
