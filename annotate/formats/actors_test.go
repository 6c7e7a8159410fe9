package formats

import (
	"fmt"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"byline/annotate"
)

// actorLinks reduces a record to its linked mentions: "start-end LABEL ->
// name [kb_id]", sorted.
func actorLinks(r *annotate.Record) []string {
	var out []string
	for _, e := range r.Entities {
		if e.Actor == "" {
			continue
		}
		a, ok := r.RecordActor(e.Actor)
		if !ok {
			out = append(out, fmt.Sprintf("%d-%d %s -> missing actor %s", e.Start, e.End, e.Label, e.Actor))
			continue
		}
		out = append(out, fmt.Sprintf("%d-%d %s -> %s [%s]", e.Start, e.End, e.Label, a.Name, a.KBID))
	}
	sort.Strings(out)
	return out
}

// Every format that reads back keeps which mention links to which actor;
// the id of one actor is the same in every document of an export.
func TestActorsRoundTrip(t *testing.T) {
	for _, c := range []exportCase{
		{"byline", Options{Format: "byline"}},
		{"prodigy", Options{Format: "prodigy"}},
		{"doccano", Options{Format: "doccano"}},
		{"doccano-utf16", Options{Format: "doccano", Offsets: "utf16"}},
		{"labelstudio", Options{Format: "labelstudio"}},
		{"brat", Options{Format: "brat"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := actorCorpus(t)
			_, out, m := runExport(t, src, c.opt)
			if c.name != "byline" && !slices.Contains(m.Notes, flatActorsNote) && !slices.Contains(m.Notes, bratActorsNote) {
				t.Errorf("the manifest does not declare the actors: %q", m.Notes)
			}
			back := map[string]*annotate.Record{}
			for _, r := range readBack(t, c, out) {
				back[r.ID] = r
			}
			ids := map[string]string{}
			for _, r := range src {
				got, ok := back[r.ID]
				if !ok {
					t.Fatalf("%s did not come back", r.ID)
				}
				if w, g := actorLinks(r), actorLinks(got); !reflect.DeepEqual(w, g) {
					t.Errorf("%s: links\n got %q\nwant %q", r.ID, g, w)
				}
				if _, stray := got.Meta.Extra["actors"]; stray {
					t.Errorf("%s: meta.actors left among the metadata", r.ID)
				}
				for _, a := range got.Actors {
					if old, seen := ids[a.Name]; seen && old != a.ID {
						t.Errorf("actor %s is %s in one document and %s in another", a.Name, old, a.ID)
					}
					ids[a.Name] = a.ID
				}
			}
		})
	}
}

// Prodigy spans carry spaCy's kb_id: the external id, else the Byline id.
func TestProdigyKBID(t *testing.T) {
	_, out, _ := runExport(t, actorCorpus(t), Options{Format: "prodigy"})
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"label":"PERSON","kb_id":"Q193570"`, `"label":"ORG","kb_id":"Byline:A2"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("prodigy output lacks %s", want)
		}
	}
}
