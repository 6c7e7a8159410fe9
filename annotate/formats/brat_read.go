package formats

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"byline/annotate"
)

// BratReader reads brat standoff: a DOC.txt whose sibling DOC.ann exists.
// The text is read as brat reads it (UTF-8, CRLF and CR turned into LF, the
// rest unchanged); T lines become entities, or quote segments (type Quote)
// and cues (type Cue); R lines relations, SPEAKER and CUE links; the
// QuoteType attribute the quote kind; AnnotatorNotes the notes. Fragments of
// a discontinuous span separated only by line breaks or tabs are one
// segment again; E, N and equivalence lines are ignored. The .ann files of a
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
	if err != nil {
		return nil, err
	}
	return []*annotate.Record{rec}, nil
}

// parseBrat builds a record from a .txt and its .ann.
func parseBrat(id string, txt, ann []byte) (*annotate.Record, error) {
	if err := annotate.CheckUTF8(txt); err != nil {
		return nil, annotate.Errorf(annotate.EFORMAT, "%v", err)
	}
	if err := annotate.CheckUTF8(ann); err != nil {
		return nil, annotate.Errorf(annotate.EFORMAT, "%s.ann: %v", id, err)
	}
	rec := newRecord(annotate.NormalizeNewlines(string(txt)), 0)
	rec.ID = id
	x := annotate.NewTextIndex(rec.Text)
	var spans []peerSpan
	index := map[string]int{}
	var rels []peerRel
	relIndex := map[string]int{}
	type attr struct{ target, name, value string }
	var attrs []attr
	type note struct{ target, text string }
	var notes []note
	var refs []bratRef
	for n, line := range strings.Split(string(ann), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		fail := func(msg string) error {
			return &annotate.Error{Code: annotate.EFORMAT, Line: n + 1, Message: id + ".ann: " + msg}
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
			if _, dup := index[aid]; dup {
				return nil, fail("id " + aid + " is used twice")
			}
			index[aid] = len(spans)
			label := body[0]
			if isQuoteLabel(label) {
				for _, seg := range joinBreaks(x, frags) {
					spans = append(spans, peerSpan{key: aid + "#" + strconv.Itoa(seg.Start), start: seg.Start, end: seg.End, label: label, quoteID: aid})
				}
				// The first segment stands for the quote in relations.
				spans[index[aid]].key = aid
			} else {
				spans = append(spans, peerSpan{key: aid, start: frags[0].Start, end: frags[len(frags)-1].End, label: label})
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
		case 'E', '*':
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
	if err := assemble(rec, spans, rels); err != nil {
		return nil, annotate.AtLine(err, "", 0)
	}
	linkBratReferences(rec, refs, func(target string) (int, int, string, bool) {
		i, ok := index[target]
		if !ok {
			return 0, 0, "", false
		}
		return spans[i].start, spans[i].end, spans[i].label, true
	})
	return rec, nil
}

// bratOffsets parses "S E;S E...".
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
		if n := len(out); n > 0 && a < out[n-1].End {
			return nil, annotate.Errorf(annotate.EFORMAT, "fragments %q overlap or are out of order", s)
		}
		out = append(out, annotate.Segment{Start: a, End: b})
	}
	return out, nil
}

// joinBreaks merges fragments separated only by line breaks or tabs: the
// exporter split them there, they are one segment.
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
