package annotate

import (
	"context"
	"strconv"
)

// BulkEntityService stores many entities of one document as one action.
type BulkEntityService interface {
	// CreateEntities stores the entities of one document in one transaction
	// and one undoable event (action "create_entities"), as "annotate all
	// occurrences" does: each is validated; one whose span is already marked
	// with its label is left out. It returns the stored entities, with their
	// ids, text, annotator ("" means the session's) and times. EINVALID (no
	// entity stored then), ENOTFOUND.
	CreateEntities(ctx context.Context, docID int64, list []Entity) ([]Entity, error)
}

// RejectionSummary describes a rejected suggestion for the event log: from
// the suggestion itself when it is known, else from its key and the text.
func RejectionSummary(x *TextIndex, key string, s *Suggestion) string {
	if s != nil {
		return "rejected " + s.Summary()
	}
	k, ok := ParseSuggestionKey(key)
	if !ok || !x.InRange(k.Start, k.End) {
		return "rejected a suggestion"
	}
	text := QuotedSnippet(x.Slice(k.Start, k.End))
	switch k.Kind {
	case SuggestEntity:
		return "rejected suggested " + k.Label + " " + text
	case SuggestLink:
		return "rejected suggested link " + text
	}
	return "rejected suggested quote " + text
}

// EntitiesSummary names entities created together: `3 × PERSON "Lavrov"`.
func EntitiesSummary(list []Entity) string {
	if len(list) == 1 {
		return EntitySummary(&list[0])
	}
	if len(list) == 0 {
		return "no entities"
	}
	return strconv.Itoa(len(list)) + " × " + EntitySummary(&list[0])
}
