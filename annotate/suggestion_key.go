package annotate

import (
	"strconv"
	"strings"
)

// SuggestionKey is what identifies a suggestion within its document, in
// parts. Its String is the key a rejection is remembered by and a stored
// suggestion is kept under: "e:START:END:LABEL" for a name,
// "a:START:END:LABEL:ACTOR" for an actor link, "q:START:END" for a quote.
// The text never changes, so offsets are stable.
type SuggestionKey struct {
	Kind       SuggestionKind
	Start, End int
	Label      string // a name's or a link's
	Actor      int64  // a link's
}

// keyLetters are the kinds' first fields in a key.
var keyLetters = map[SuggestionKind]string{SuggestEntity: "e", SuggestLink: "a", SuggestQuote: "q"}

// spanPrefix is what the keys of every suggestion of k's kind on k's span
// start with, up to the colon after the end ("e:18:29:").
func (k SuggestionKey) spanPrefix() string {
	return keyLetters[k.Kind] + ":" + strconv.Itoa(k.Start) + ":" + strconv.Itoa(k.End) + ":"
}

// String lays the key out.
func (k SuggestionKey) String() string {
	p := k.spanPrefix()
	switch k.Kind {
	case SuggestEntity:
		return p + k.Label
	case SuggestLink:
		return p + k.Label + ":" + strconv.FormatInt(k.Actor, 10)
	}
	return strings.TrimSuffix(p, ":")
}

// ParseSuggestionKey splits a key String wrote into its parts; ok is false
// when key has another layout.
func ParseSuggestionKey(key string) (k SuggestionKey, ok bool) {
	letter, rest, _ := strings.Cut(key, ":")
	start, rest, _ := strings.Cut(rest, ":")
	end, rest, more := strings.Cut(rest, ":")
	var err1, err2 error
	k.Start, err1 = strconv.Atoi(start)
	k.End, err2 = strconv.Atoi(end)
	if err1 != nil || err2 != nil {
		return k, false
	}
	switch letter {
	case "q":
		k.Kind = SuggestQuote
		return k, !more
	case "e":
		k.Kind, k.Label = SuggestEntity, rest
		return k, more && rest != ""
	case "a":
		k.Kind = SuggestLink
		label, actor, found := cutLast(rest, ":")
		if !found || label == "" {
			return k, false
		}
		k.Label = label
		k.Actor, err1 = strconv.ParseInt(actor, 10, 64)
		return k, err1 == nil
	}
	return k, false
}

// cutLast slices s around the last instance of sep.
func cutLast(s, sep string) (before, after string, found bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

// KeyParts returns the suggestion's key in parts. A suggestion that is
// neither a name nor a link is keyed as a quote, by its extent.
func (s *Suggestion) KeyParts() SuggestionKey {
	switch {
	case s.Kind == SuggestEntity && s.Entity != nil:
		return SuggestionKey{Kind: SuggestEntity, Start: s.Entity.Start, End: s.Entity.End, Label: s.Entity.Label}
	case s.Kind == SuggestLink && s.Link != nil:
		// By span, not entity id: an undone and redone mention keeps it.
		return SuggestionKey{Kind: SuggestLink, Start: s.Link.Start, End: s.Link.End, Label: s.Link.Label, Actor: s.Link.Actor.ID}
	}
	return SuggestionKey{Kind: SuggestQuote, Start: s.Start(), End: s.End()}
}

// Key identifies the suggestion within its document (SuggestionKey.String).
func (s *Suggestion) Key() string { return s.KeyParts().String() }

// UsesUp reports whether accepting s uses up the stored suggestion kept:
// kept is s itself or, when both propose a name, kept proposes s's span
// with any label, since the span is marked now whatever label the analyst
// gave it.
func (s *Suggestion) UsesUp(kept *Suggestion) bool {
	mine, theirs := s.KeyParts(), kept.KeyParts()
	if mine.Kind == SuggestEntity && theirs.Kind == SuggestEntity {
		return mine.Start == theirs.Start && mine.End == theirs.End
	}
	return mine == theirs
}

// UsedUpKeys returns the range [from, to) of keys that holds every stored
// suggestion accepting s may use up (UsesUp decides), so that a store can
// find them through its index of keys.
func (s *Suggestion) UsedUpKeys() (from, to string) {
	k := s.KeyParts()
	if k.Kind != SuggestEntity {
		key := k.String()
		return key, key + "\x00"
	}
	p := k.spanPrefix()
	return p, p[:len(p)-1] + ";" // ';' follows ':'
}
