package formats

import "byline/annotate"

// appendActors writes a record's "actors" list as annotate's encoder does.
func appendActors(b []byte, actors []annotate.RecordActor) []byte {
	b = append(b, `,"actors":[`...)
	for i := range actors {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(appendActorFields(b, &actors[i]), '}')
	}
	return append(b, ']')
}

// appendActorFields writes an actor as a JSON object without its closing
// brace, so callers may add keys.
func appendActorFields(b []byte, a *annotate.RecordActor) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, a.ID)
	b = append(b, `,"name":`...)
	b = appendString(b, a.Name)
	b = append(b, `,"label":`...)
	b = appendString(b, a.Label)
	if len(a.Aliases) > 0 {
		b = append(b, `,"aliases":`...)
		b = appendStrings(b, a.Aliases)
	}
	for _, kv := range [2][2]string{{"kb_id", a.KBID}, {"note", a.Note}} {
		if kv[1] != "" {
			b = appendKey(b, kv[0], false)
			b = appendString(b, kv[1])
		}
	}
	return b
}
