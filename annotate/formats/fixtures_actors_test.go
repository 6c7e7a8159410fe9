package formats

import (
	"testing"

	"byline/annotate"
)

func init() { corpora["actors"] = actorCorpus }

// actorCorpus is two wire stories whose mentions link to registry actors:
// one with an external id (Lavrov, linked from both documents and speaker
// of a quote in each), one without (the ministry), one unlinked mention.
func actorCorpus(t testing.TB) []*annotate.Record {
	lavrov := annotate.RecordActor{ID: "A1", Name: "Sergei Lavrov", Label: "PERSON", Aliases: []string{"Lavrov"}, KBID: "Q193570"}
	ministry := annotate.RecordActor{ID: "A2", Name: "Russian Foreign Ministry", Label: "ORG", Note: "the ministry, not the building"}

	a := newDoc(t, "act-1", `Sergei Lavrov met Hakan Fidan. "We agreed," Lavrov said. The Russian Foreign Ministry confirmed it.`)
	a.rec.Meta = annotate.Meta{Title: "Ankara talks", Published: "2023-05-26"}
	full := a.ent("PERSON", "Sergei Lavrov", 0)
	a.ent("PERSON", "Hakan Fidan", 0)
	short := a.ent("PERSON", "Lavrov", 1)
	org := a.ent("ORG", "Russian Foreign Ministry", 0)
	a.quote(annotate.QuoteDirect, short, "said", `"We agreed,"`)
	a.rec.Entities[0].Actor, a.rec.Entities[2].Actor, a.rec.Entities[3].Actor = "A1", "A1", "A2"
	_, _ = full, org
	a.rec.Actors = []annotate.RecordActor{lavrov, ministry}

	b := newDoc(t, "act-2", `"No talks," Lavrov told reporters in Moscow.`)
	b.rec.Meta = annotate.Meta{Title: "Moscow", Published: "2023-06-02"}
	who := b.ent("PERSON", "Lavrov", 0)
	b.ent("GPE", "Moscow", 0)
	b.quote(annotate.QuoteDirect, who, "told", `"No talks,"`)
	b.rec.Entities[0].Actor = "A1"
	b.rec.Actors = []annotate.RecordActor{lavrov}
	return []*annotate.Record{a.rec, b.rec}
}
