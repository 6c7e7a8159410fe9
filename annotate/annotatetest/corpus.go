package annotatetest

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"byline/annotate"
)

// ImportRecords stores records all or none. A record whose text is stored
// (or came earlier in recs) is a duplicate naming the stored document; one
// sharing its URL with a stored document is a new version. Labels and
// relation types the records use but the schema lacks are added to it.
func (m *MemStore) ImportRecords(ctx context.Context, recs []*annotate.Record, opt annotate.ImportOptions) ([]annotate.ImportOutcome, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	schema := m.schema.Clone()
	if opt.Schema != nil {
		if err := opt.Schema.Validate(); err != nil {
			return nil, err
		}
		schema = opt.Schema.Clone()
	}
	ids := m.ids
	restoreActors := m.saveActors()
	var actorImport annotate.ActorImport
	now := m.stamp()
	var added []*memDoc
	hashes := map[string]int64{}
	urls := map[string]int64{}
	outs := make([]annotate.ImportOutcome, 0, len(recs))
	for _, rec := range recs {
		if err := ctx.Err(); err != nil {
			m.ids = ids
			restoreActors()
			return nil, err
		}
		if _, err := annotate.PrepareRecord(rec, schema); err != nil {
			m.ids = ids
			restoreActors()
			return nil, annotate.AtLine(recordError(rec, err), "", rec.Line)
		}
		out := annotate.ImportOutcome{ExternalID: rec.ID}
		hash := annotate.ContentHash(rec.Text)
		if id, ok := m.byHash[hash]; ok {
			out.DocumentID, out.Duplicate = id, true
		} else if id, ok := hashes[hash]; ok {
			out.DocumentID, out.Duplicate = id, true
		}
		if out.Duplicate && opt.KeepDuplicates {
			out.Duplicate, out.CopyOf = false, m.externalID(out.DocumentID, added)
			b, _ := json.Marshal(out.CopyOf)
			rec.Meta.SetKey("copy_of", b)
		}
		if out.Duplicate {
			outs = append(outs, out)
			continue
		}
		if url := rec.Meta.URL; url != "" && out.CopyOf == "" {
			_, batch := urls[url]
			out.NewVersion = batch || m.hasURL(url)
		}
		actors, _ := actorImport.Resolve(memActors{m}, rec, &out) // cannot fail in memory
		first := m.ids.entity + 1
		d := m.newDoc(rec, now, len(m.docs)+len(added)+1)
		linkImported(d, rec, first, actors)
		out.DocumentID = d.doc.ID
		if out.CopyOf == "" {
			hashes[hash] = d.doc.ID
		}
		if rec.Meta.URL != "" {
			urls[rec.Meta.URL] = d.doc.ID
		}
		added = append(added, d)
		outs = append(outs, out)
	}
	for _, d := range added {
		m.docs = append(m.docs, d)
		m.byID[d.doc.ID] = d
		if _, ok := m.byHash[d.doc.Hash]; !ok { // a copy leaves the first in place
			m.byHash[d.doc.Hash] = d.doc.ID
		}
	}
	m.schema = schema
	if len(added) > 0 {
		m.record(0, annotate.ActionImport, fmt.Sprintf("%d document(s) imported", len(added)), nil, nil, docState{}, docState{})
	}
	return outs, nil
}

// externalID is the external id of a stored document or of one added in the
// running import.
func (m *MemStore) externalID(id int64, added []*memDoc) string {
	if d, ok := m.byID[id]; ok {
		return d.doc.ExternalID
	}
	for _, d := range added {
		if d.doc.ID == id {
			return d.doc.ExternalID
		}
	}
	return ""
}

func (m *MemStore) hasURL(url string) bool {
	for _, d := range m.docs {
		if d.doc.Meta.URL == url {
			return true
		}
	}
	return false
}

// recordError names the record in a coded error's message.
func recordError(rec *annotate.Record, err error) error {
	e, ok := err.(*annotate.Error)
	if !ok || rec.ID == "" {
		return err
	}
	c := *e
	c.Message = "record " + rec.ID + ": " + c.Message
	return &c
}

// stored returns t in the stored form, or def when t is "" or unreadable.
func stored(t string, def time.Time) time.Time {
	v, err := annotate.ParseTime(t)
	if t == "" || err != nil {
		return def
	}
	return v.UTC()
}

// newDoc builds a document from a prepared record, taking new ids.
func (m *MemStore) newDoc(rec *annotate.Record, now time.Time, ordinal int) *memDoc {
	m.ids.doc++
	d := &memDoc{ordinal: ordinal, doc: annotate.Document{
		ID: m.ids.doc, ExternalID: rec.ID, Text: rec.Text, Status: rec.Status,
		ImportedAt: stored(rec.Imported, now), Hash: annotate.ContentHash(rec.Text),
		Debris: append([]annotate.Range(nil), rec.Debris...),
	}}
	if len(d.doc.Debris) == 0 {
		d.doc.Debris = nil
	}
	// Metadata goes through JSON, as it does in the database.
	if b, err := json.Marshal(rec.Meta); err == nil {
		_ = json.Unmarshal(b, &d.doc.Meta)
	}
	a := &annotate.Annotations{Entities: []annotate.Entity{}, Quotes: []annotate.Quote{}, Relations: []annotate.Relation{}}
	ids := map[string]int64{}
	for _, e := range rec.Entities {
		m.ids.entity++
		ids[e.ID] = m.ids.entity
		created := stored(e.Created, now)
		a.Entities = append(a.Entities, annotate.Entity{ID: m.ids.entity, DocumentID: d.doc.ID, Start: e.Start, End: e.End,
			Label: e.Label, Text: e.Text, Annotator: m.annotatorOr(e.Annotator), Note: e.Note,
			Created: created, Updated: stored(e.Updated, created)})
	}
	for _, q := range rec.Quotes {
		m.ids.quote++
		created := stored(q.Created, now)
		quote := annotate.Quote{ID: m.ids.quote, DocumentID: d.doc.ID, Kind: q.Kind, Content: q.Content, Cue: q.Cue,
			SpeakerID: ids[q.Speaker], Annotator: m.annotatorOr(q.Annotator), Note: q.Note,
			Created: created, Updated: stored(q.Updated, created)}
		a.Quotes = append(a.Quotes, *cloneQuote(&quote))
	}
	for _, r := range rec.Relations {
		m.ids.relation++
		created := stored(r.Created, now)
		a.Relations = append(a.Relations, annotate.Relation{ID: m.ids.relation, DocumentID: d.doc.ID, Type: r.Type,
			HeadID: ids[r.Head], TailID: ids[r.Tail], Annotator: m.annotatorOr(r.Annotator), Note: r.Note,
			Created: created, Updated: stored(r.Updated, created)})
	}
	a.Sort()
	d.ann = a
	return d
}

// ExportRecords calls fn with each selected document as a native record, in
// import order. fn runs without the store's lock held.
func (m *MemStore) ExportRecords(ctx context.Context, f annotate.ExportFilter, fn func(*annotate.Record) error) error {
	m.mu.Lock()
	var recs []*annotate.Record
	var rb annotate.RecordBuilder // one builder: actor ids shared by every record
	for _, d := range m.docs {
		if len(f.Statuses) > 0 && !containsStatus(f.Statuses, d.doc.Status) {
			continue
		}
		doc := copyDocument(&d.doc)
		ann := cloneAnnotations(d.ann)
		m.attachActors(ann)
		recs = append(recs, rb.Build(&doc, ann))
	}
	m.mu.Unlock()
	for _, r := range recs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

func containsStatus(list []annotate.Status, s annotate.Status) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Stats counts documents and annotations.
func (m *MemStore) Stats(context.Context) (*annotate.Stats, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	st := &annotate.Stats{Progress: m.progress(),
		ByLabel: map[string]int{}, ByAnnotator: map[string]int{}, ByRelation: map[string]int{}}
	for _, d := range m.docs {
		for _, e := range d.ann.Entities {
			st.Entities++
			st.ByLabel[e.Label]++
			st.ByAnnotator[e.Annotator]++
		}
		for _, q := range d.ann.Quotes {
			st.Quotes++
			st.ByAnnotator[q.Annotator]++
		}
		for _, r := range d.ann.Relations {
			st.Relations++
			st.ByRelation[r.Type]++
			st.ByAnnotator[r.Annotator]++
		}
	}
	return st, nil
}
