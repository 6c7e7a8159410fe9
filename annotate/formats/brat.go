package formats

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"byline/annotate"
)

// bratWriter writes brat standoff (FORMATS.md 7): per document DOC.txt (the
// stored text exactly, UTF-8, LF, no BOM) and DOC.ann, plus annotation.conf
// at the root generated from the schema. Entities are T lines; each quote is
// one T line of type Quote (a split quote, or a span crossing a line break,
// is a discontinuous span), its cue a T line of type Cue, the speaker and cue
// links R lines "SPEAKER Quote:Tq Speaker:Ts" and "CUE Quote:Tq Cue:Tc", the
// kind an attribute "QuoteType Tq Direct", and notes #-lines AnnotatorNotes.
// A span crossing a line break or tab is written as fragments split there
// (the text field joins them with one space), as brat requires.
type bratWriter struct {
	run *exportRun
	buf []byte
}

const (
	bratQuote     = "Quote"
	bratCue       = "Cue"
	bratQuoteType = "QuoteType"
)

func newBratWriter(run *exportRun) (docWriter, error) {
	m := &run.m.m
	m.Labels.QuoteSpans = []string{bratQuote, bratCue}
	m.Labels.QuoteRelations = []string{speakerRel, cueRel}
	m.Notes = append(m.Notes,
		"one DOC.txt and DOC.ann per document; DOC is the document id when it is a safe file name, else a cleaned id with a hash suffix",
		"a split quote is one discontinuous Quote span; spans crossing a line break or tab are split there into fragments (the reader joins fragments separated only by line breaks or tabs)",
		"segments of one quote separated only by line breaks are separate Quote spans linked by CONTINUES (Arg1 the earlier), so they read back as written",
		"annotators, the document metadata and the status are not carried: brat standoff has no place for them (notes are AnnotatorNotes lines); use the byline export to keep them")
	return &bratWriter{run: run}, nil
}

func (w *bratWriter) begin(*part) error { return nil }
func (w *bratWriter) end(*part) error   { return nil }

func (w *bratWriter) doc(p *part, d *docView) error {
	declareActors(w.run.m, d.rec, bratActorsNote)
	m := w.run.m
	name, err := writeNewTxt(p.path, bratFileName(d.rec.ID), d.rec.Text)
	if err != nil {
		return err
	}
	if name != bratFileName(d.rec.ID) {
		m.adjust("document", "file name taken by another document with the same id; a number was appended", d.rec.ID, name)
	}
	b := w.buf[:0]
	nT, nR, nA, nN, nRef := 0, 0, 0, 0, 0
	entT := make([]int, len(d.ents))
	note := func(target, text string) {
		if text == "" {
			return
		}
		nN++
		b = append(b, '#')
		b = strconv.AppendInt(b, int64(nN), 10)
		b = append(b, "\tAnnotatorNotes "...)
		b = append(b, target...)
		b = append(b, '\t')
		b = append(b, oneLine(text)...)
		b = append(b, '\n')
	}
	tline := func(typ string, segs []annotate.Segment) (int, bool) {
		frags := bratFragments(d, segs)
		if len(frags) == 0 {
			return 0, false
		}
		nT++
		b = append(b, 'T')
		b = strconv.AppendInt(b, int64(nT), 10)
		b = append(b, '\t')
		b = append(b, typ...)
		for i, f := range frags {
			if i == 0 {
				b = append(b, ' ')
			} else {
				b = append(b, ';')
			}
			b = strconv.AppendInt(b, int64(f.Start), 10)
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(f.End), 10)
		}
		b = append(b, '\t')
		for i, f := range frags {
			if i > 0 {
				b = append(b, ' ')
			}
			b = append(b, d.slice(f.Start, f.End)...)
		}
		b = append(b, '\n')
		return nT, true
	}
	for i := range d.ents {
		e := &d.ents[i]
		t, ok := tline(e.Label, []annotate.Segment{{Start: e.Start, End: e.End}})
		if !ok {
			m.drop("entity", "only line breaks or tabs", d.rec.ID, e.ID)
			continue
		}
		entT[i] = t
		m.entity(e.Label)
		note("T"+strconv.Itoa(t), e.Note)
		b = appendBratReference(b, &nRef, t, d.rec, e)
	}
	for _, r := range d.rels {
		h, t := entT[d.entity(r.Head)], entT[d.entity(r.Tail)]
		if h == 0 || t == 0 {
			m.drop("relation", "head or tail was dropped", d.rec.ID, r.ID)
			continue
		}
		nR++
		b = append(b, 'R')
		b = strconv.AppendInt(b, int64(nR), 10)
		b = append(b, '\t')
		b = append(b, r.Type...)
		b = append(b, " Arg1:T"...)
		b = strconv.AppendInt(b, int64(h), 10)
		b = append(b, " Arg2:T"...)
		b = strconv.AppendInt(b, int64(t), 10)
		b = append(b, '\n')
		m.relation(r.Type)
		note("R"+strconv.Itoa(nR), r.Note)
	}
	for qi := range d.quotes {
		q := d.quotes[qi]
		// Segments separated only by line breaks or tabs would read back as
		// one span crossing them: each such run starts a T line of its own,
		// linked to the one before by CONTINUES.
		groups := bratSegmentGroups(d, q.Content)
		qt, ok := tline(bratQuote, groups[0])
		if !ok {
			m.drop("quote", "only line breaks or tabs", d.rec.ID, q.ID)
			continue
		}
		prev := qt
		for _, g := range groups[1:] {
			if t, ok := tline(bratQuote, g); ok {
				nR++
				b = fmt.Appendf(b, "R%d\t%s Arg1:T%d Arg2:T%d\n", nR, continuesRel, prev, t)
				prev = t
			}
		}
		nA++
		b = fmt.Appendf(b, "A%d\t%s T%d %s\n", nA, bratQuoteType, qt, bratKind(q.Kind))
		if q.Speaker != "" {
			if st := entT[d.entity(q.Speaker)]; st > 0 {
				nR++
				b = fmt.Appendf(b, "R%d\t%s Quote:T%d Speaker:T%d\n", nR, speakerRel, qt, st)
			} else {
				q.Speaker = ""
				m.drop("speaker link", "the speaker span was dropped", d.rec.ID, q.ID)
			}
		}
		if q.Cue != nil {
			if ct, ok := tline(bratCue, []annotate.Segment{*q.Cue}); ok {
				nR++
				b = fmt.Appendf(b, "R%d\t%s Quote:T%d Cue:T%d\n", nR, cueRel, qt, ct)
			} else {
				q.Cue = nil
				m.drop("cue", "only line breaks or tabs", d.rec.ID, q.ID)
			}
		}
		note("T"+strconv.Itoa(qt), q.Note)
		countQuote(m, &q)
	}
	w.buf = b
	return os.WriteFile(filepath.Join(p.path, name+".ann"), b, 0o644)
}

// writeNewTxt writes DOC.txt under the first free name of base, base-2,
// base-3...: two documents may share an id (or differ only in case, which
// some file systems ignore), and neither may overwrite the other.
func writeNewTxt(dir, base, text string) (string, error) {
	for n := 1; ; n++ {
		name := base
		if n > 1 {
			name += "-" + strconv.Itoa(n)
		}
		f, err := os.OpenFile(filepath.Join(dir, name+".txt"), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		if _, err := f.WriteString(text); err != nil {
			f.Close()
			return "", err
		}
		return name, f.Close()
	}
}

// bratKind spells a quote kind as the attribute value: Direct, Indirect...
func bratKind(k annotate.QuoteKind) string {
	s := string(k)
	if s == "" {
		return "Direct"
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// bratSegmentGroups cuts a quote's segments into runs that one
// discontinuous T line can hold: a run ends where the gap to the next
// segment holds only line breaks and tabs (or nothing), since the reader
// joins fragments across such gaps.
func bratSegmentGroups(d *docView, segs []annotate.Segment) [][]annotate.Segment {
	groups := [][]annotate.Segment{segs[:1]}
	for i := 1; i < len(segs); i++ {
		onlyBreaks := true
		for _, r := range d.slice(segs[i-1].End, segs[i].Start) {
			if !isBratBreak(r) {
				onlyBreaks = false
				break
			}
		}
		if n := len(groups) - 1; !onlyBreaks {
			groups[n] = segs[i-len(groups[n]) : i+1]
		} else {
			groups = append(groups, segs[i:i+1])
		}
	}
	return groups
}

// isBratBreak reports characters a brat text field cannot hold.
func isBratBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\t', '\v', '\f', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// bratFragments splits segments at line breaks and tabs, dropping those
// characters and any empty piece.
func bratFragments(d *docView, segs []annotate.Segment) []annotate.Segment {
	var out []annotate.Segment
	for _, s := range segs {
		text := d.slice(s.Start, s.End)
		cp, from := s.Start, s.Start
		for _, r := range text {
			if isBratBreak(r) {
				if cp > from {
					out = append(out, annotate.Segment{Start: from, End: cp})
				}
				from = cp + 1
			}
			cp++
		}
		if cp > from {
			out = append(out, annotate.Segment{Start: from, End: cp})
		}
	}
	return out
}

func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if isBratBreak(r) {
			return ' '
		}
		return r
	}, s)
}

// bratFileName returns a file name (without extension) for a document id:
// the id itself when it is a plain file name, else the id with unsafe
// characters replaced and a hash of the id appended, so two ids never share
// a name.
func bratFileName(id string) string {
	safe := id != "" && len(id) <= 120 && id[0] != '.' && utf8.ValidString(id)
	for i := 0; i < len(id) && safe; i++ {
		c := id[i]
		safe = isIDByte(c) || c == '.'
	}
	if safe {
		return id
	}
	var sb strings.Builder
	for _, r := range id {
		if sb.Len() >= 80 {
			break
		}
		if r < utf8.RuneSelf && (isIDByte(byte(r)) || r == '.') {
			sb.WriteRune(r)
		} else {
			sb.WriteByte('_')
		}
	}
	h := fnv.New32a()
	h.Write([]byte(id))
	return strings.TrimLeft(sb.String(), ".") + fmt.Sprintf("-%08x", h.Sum32())
}

// finish writes annotation.conf at the export root.
func (w *bratWriter) finish(root string) error {
	s := w.run.schema
	var b strings.Builder
	b.WriteString("[entities]\n")
	for _, l := range w.run.m.finish(s, w.run.opt).Labels.Entities {
		b.WriteString(l + "\n")
	}
	b.WriteString(bratQuote + "\n" + bratCue + "\n\n[relations]\n")
	types := func(list []string) string {
		for _, l := range list {
			if l == annotate.AnyLabel {
				return "<ENTITY>"
			}
		}
		return strings.Join(list, "|")
	}
	known := map[string]bool{}
	for _, r := range s.Relations {
		known[r.Name] = true
		fmt.Fprintf(&b, "%s\tArg1:%s, Arg2:%s\n", r.Name, types(r.Heads), types(r.Tails))
	}
	for _, r := range w.run.m.finish(s, w.run.opt).Labels.Relations {
		if !known[r] {
			fmt.Fprintf(&b, "%s\tArg1:<ENTITY>, Arg2:<ENTITY>\n", r)
		}
	}
	if !known[continuesRel] && !slices.Contains(w.run.m.finish(s, w.run.opt).Labels.Relations, continuesRel) {
		// Joins the T lines of one quote (and the fragments of a
		// discontinuous entity read from brat).
		fmt.Fprintf(&b, "%s\tArg1:<ENTITY>, Arg2:<ENTITY>\n", continuesRel)
	}
	fmt.Fprintf(&b, "%s\tQuote:%s, Speaker:<ENTITY>\n", speakerRel, bratQuote)
	fmt.Fprintf(&b, "%s\tQuote:%s, Cue:%s\n", cueRel, bratQuote, bratCue)
	b.WriteString("\n[events]\n\n[attributes]\n")
	var kinds []string
	for _, k := range annotate.QuoteKinds {
		kinds = append(kinds, bratKind(k))
	}
	fmt.Fprintf(&b, "%s\tArg:%s, Value:%s\n", bratQuoteType, bratQuote, strings.Join(kinds, "|"))
	return os.WriteFile(filepath.Join(root, "annotation.conf"), []byte(b.String()), 0o644)
}
