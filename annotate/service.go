package annotate

import (
	"context"
	"encoding/json"
	"time"
)

// Store is everything the GUI and the command line need from a Byline
// database. storage.DB implements it; main hands it to the GUI.
type Store interface {
	DocumentService
	AnnotationService
	SchemaService
	HistoryService
	ActorService
	SuggestionService
	BulkEntityService
	Corpus
	// Path returns the database file's path.
	Path() string
	// Annotator returns the name recorded on every change of this session.
	Annotator() string
	// SetAnnotator changes that name (EINVALID when empty).
	SetAnnotator(name string) error
	// Close closes the database.
	Close() error
}

// DocumentService finds documents and changes their status.
type DocumentService interface {
	// FindDocumentByID returns a document with its text. ENOTFOUND.
	FindDocumentByID(ctx context.Context, id int64) (*Document, error)
	// FindDocuments returns one page of the document list (no texts).
	FindDocuments(ctx context.Context, f DocumentFilter) ([]DocumentSummary, error)
	// CountDocuments counts the documents f selects (ignoring its paging).
	CountDocuments(ctx context.Context, f DocumentFilter) (int, error)
	// NextUnfinished returns the first document after id (in import order,
	// wrapping around) that is todo or in progress; 0 when there is none.
	// id 0 finds the first unfinished document.
	NextUnfinished(ctx context.Context, id int64) (int64, error)
	// Progress counts documents by status.
	Progress(ctx context.Context) (Progress, error)
	// SetStatus changes a document's status (one transaction, one event).
	// ENOTFOUND, EINVALID.
	SetStatus(ctx context.Context, id int64, s Status) error
	// StripDebris removes the flagged debris ranges from a document's text.
	// Only allowed while the document has no annotations (ECONFLICT).
	StripDebris(ctx context.Context, id int64) error
}

// AnnotationService reads and changes one document's annotations. Every
// create, update and delete is one committed transaction that also records an
// event (for undo and the audit history). Errors: EINVALID (validation, with
// a message for the analyst), ENOTFOUND.
type AnnotationService interface {
	FindAnnotations(ctx context.Context, docID int64) (*Annotations, error)

	// CreateEntity validates and stores e, filling ID, Text, Annotator and times.
	CreateEntity(ctx context.Context, e *Entity) error
	UpdateEntity(ctx context.Context, id int64, upd EntityUpdate) (*Entity, error)
	// DeleteEntity removes the span, the relations that use it and its
	// speaker links, in one transaction that undo restores whole.
	DeleteEntity(ctx context.Context, id int64) (DeleteResult, error)

	CreateQuote(ctx context.Context, q *Quote) error
	UpdateQuote(ctx context.Context, id int64, upd QuoteUpdate) (*Quote, error)
	DeleteQuote(ctx context.Context, id int64) error

	// CreateRelation refuses (EINVALID) a type the schema does not allow
	// between the two labels.
	CreateRelation(ctx context.Context, r *Relation) error
	UpdateRelation(ctx context.Context, id int64, upd RelationUpdate) (*Relation, error)
	DeleteRelation(ctx context.Context, id int64) error
}

// SchemaService reads and edits the database's schema.
type SchemaService interface {
	Schema(ctx context.Context) (*Schema, error)
	// SaveSchema replaces the schema. A label or relation type still used by
	// annotations cannot be dropped this way (ECONFLICT): use DeleteLabel.
	SaveSchema(ctx context.Context, s *Schema) error
	// RenameLabel renames an entity label everywhere, keeping its annotations.
	RenameLabel(ctx context.Context, from, to string) error
	// RenameRelationType renames a relation type, keeping its relations.
	RenameRelationType(ctx context.Context, from, to string) error
	// LabelUsage counts the entities with a label.
	LabelUsage(ctx context.Context, name string) (int, error)
	// DeleteLabel removes a label and every entity that has it (with their
	// relations and speaker links) and returns how many entities went.
	DeleteLabel(ctx context.Context, name string) (int, error)
}

// HistoryService undoes and redoes recorded actions, per document, across
// restarts.
type HistoryService interface {
	// Undo reverts the latest action on the document not yet undone; nil
	// when there is nothing to undo.
	Undo(ctx context.Context, docID int64) (*Event, error)
	// Redo re-applies the latest undone action; nil when there is none. A new
	// action after an undo clears the redo history.
	Redo(ctx context.Context, docID int64) (*Event, error)
	// History returns the document's latest events, newest first.
	History(ctx context.Context, docID int64, limit int) ([]Event, error)
}

// Event is one recorded change.
type Event struct {
	ID         int64
	DocumentID int64
	Action     string // e.g. "create_entity", "delete_entity", "set_status"
	Summary    string // for people: `PERSON "Jane Doe"`
	Annotator  string
	At         time.Time
	Before     json.RawMessage // state before, JSON; null for a create
	After      json.RawMessage // state after, JSON; null for a delete
	Undone     bool
}

// Document event actions (Event.Action), as both stores record them; they
// are stored in every database's history, so their values never change.
// The registry's are the Action*Actor constants.
const (
	ActionCreateEntity      = "create_entity"
	ActionUpdateEntity      = "update_entity"
	ActionDeleteEntity      = "delete_entity"
	ActionCreateEntities    = "create_entities" // annotate all occurrences
	ActionCreateQuote       = "create_quote"
	ActionUpdateQuote       = "update_quote"
	ActionDeleteQuote       = "delete_quote"
	ActionCreateRelation    = "create_relation"
	ActionUpdateRelation    = "update_relation"
	ActionDeleteRelation    = "delete_relation"
	ActionSetStatus         = "set_status"
	ActionStripDebris       = "strip_debris"
	ActionImport            = "import"
	ActionAcceptSuggestion  = "accept_suggestion"
	ActionAcceptSuggestions = "accept_suggestions"
	ActionRejectSuggestion  = "reject_suggestion"
	ActionSaveSchema        = "save_schema"
	ActionDeleteLabel       = "delete_label"
)

// ImportOutcome is what happened to one imported record.
type ImportOutcome struct {
	ExternalID string
	DocumentID int64
	Duplicate  bool // identical text already stored; nothing written
	NewVersion bool // same URL as a stored document, different text
	// CopyOf is the external id of the stored document whose text this
	// record repeats, when ImportOptions.KeepDuplicates stored it anyway.
	CopyOf string
	// ActorsCreated counts the record's actors that were new to the
	// database; ActorsMerged those merged with a stored actor (same
	// external id, else same name and label).
	ActorsCreated int
	ActorsMerged  int
}

// ImportOptions steer Corpus.ImportRecords.
type ImportOptions struct {
	// Schema, when set, replaces the stored schema in the same transaction
	// (labels and relation types an annotated import added).
	Schema *Schema
	// KeepDuplicates stores a record whose text is already stored as a
	// document of its own, marked with meta "copy_of" (the first document's
	// external id), instead of skipping it.
	KeepDuplicates bool
	// Prepared says that PrepareRecord has checked and completed every
	// record, so the store need not check them again (it still adds the
	// labels and relation types they use to its schema).
	Prepared bool
}

// ExportFilter selects the documents to export.
type ExportFilter struct {
	Statuses []Status // empty = all
}

// Stats counts documents and annotations.
type Stats struct {
	Progress    Progress
	Entities    int
	Quotes      int
	Relations   int
	ByLabel     map[string]int // entities per label
	ByAnnotator map[string]int // annotations per annotator
	ByRelation  map[string]int // relations per type
}

// Corpus is bulk access for import, export and statistics.
type Corpus interface {
	// ImportRecords stores records (prepared by PrepareRecord) in one
	// transaction: all of them or none. Records whose text is already stored
	// are skipped as duplicates.
	ImportRecords(ctx context.Context, recs []*Record, opt ImportOptions) ([]ImportOutcome, error)
	// ExportRecords streams the selected documents with their annotations, in
	// import order, as native records, within one read transaction.
	ExportRecords(ctx context.Context, f ExportFilter, fn func(*Record) error) error
	Stats(ctx context.Context) (*Stats, error)
}
