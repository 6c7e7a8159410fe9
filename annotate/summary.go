package annotate

import (
	"fmt"
	"strings"
)

// The event summaries every store records, so that the history reads the
// same whichever store wrote it: `PERSON "Jane Doe"`.

// QuotedSnippet shortens s to 40 characters and quotes it for a summary;
// inner double quotes become single ones so the quoting stays unambiguous.
// Text already inside quotation marks (a direct quote) loses its own, so it
// reads "We are ready," and not "“We are ready,”".
func QuotedSnippet(s string) string {
	return `"` + strings.ReplaceAll(Snippet(unquoted(s), 40), `"`, `'`) + `"`
}

// unquoted drops the quotation marks around text that IsQuoted, keeping
// the punctuation after the closing mark.
func unquoted(s string) string {
	r := []rune(s)
	opening, closing, ok := quoteMarks(r)
	if !ok {
		return s
	}
	return string(r[opening+1:closing]) + strings.TrimSpace(string(r[closing+1:]))
}

// EntitySummary names an entity by label and text: `PERSON "Jane Doe"`.
func EntitySummary(e *Entity) string {
	return e.Label + " " + QuotedSnippet(e.Text)
}

// EntityUpdateSummary describes the change from old to e, with the old
// label when it changed: `ORG → PERSON "Jane Doe"`.
func EntityUpdateSummary(old, e *Entity) string {
	if e.Label != old.Label {
		return old.Label + " → " + EntitySummary(e)
	}
	return EntitySummary(e)
}

// EntityDeleteSummary describes a deleted entity and what went with it.
func EntityDeleteSummary(e *Entity, res DeleteResult) string {
	summary := EntitySummary(e)
	if res.Relations+res.Speakers > 0 {
		summary += fmt.Sprintf(" (with %d relation(s), %d speaker link(s))", res.Relations, res.Speakers)
	}
	return summary
}

// QuoteSummary names a quote by kind and its segments' texts.
func QuoteSummary(q *Quote) string {
	texts := make([]string, len(q.Content))
	for i, s := range q.Content {
		texts[i] = s.Text
	}
	return string(q.Kind) + " quote " + QuotedSnippet(strings.Join(texts, " … "))
}

// RelationSummary names a relation by type and the texts of its ends, taken
// from ents; an end missing there shows as "?".
func RelationSummary(r *Relation, ents map[int64]*Entity) string {
	name := func(id int64) string {
		if e, ok := ents[id]; ok {
			return QuotedSnippet(e.Text)
		}
		return "?"
	}
	return r.Type + " " + name(r.HeadID) + " → " + name(r.TailID)
}

// ChangeSummary describes a value replaced by another: a status, a renamed
// label or relation type.
func ChangeSummary(from, to string) string { return from + " → " + to }

// LabelDeleteSummary describes a deleted label and how many entities went
// with it.
func LabelDeleteSummary(name string, entities int) string {
	return fmt.Sprintf("%s (%d entities)", name, entities)
}

// DebrisStripSummary describes a text stripped of n debris ranges.
func DebrisStripSummary(n int) string {
	return fmt.Sprintf("%d debris range(s) removed", n)
}
