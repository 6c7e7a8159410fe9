package annotatetest

import (
	"context"
	"sync/atomic"

	"byline/annotate"
)

// CorpusReads is a store that counts the reads of the corpus's names and of
// the actor registry, which the window must not repeat when nothing changed:
// on a large corpus each costs a scan of every entity.
type CorpusReads struct {
	annotate.Store
	NameReads, ActorReads atomic.Int32
}

// EntityNames counts the read and passes it on.
func (s *CorpusReads) EntityNames(ctx context.Context) ([]annotate.NameCount, error) {
	s.NameReads.Add(1)
	return s.Store.EntityNames(ctx)
}

// Actors counts the read and passes it on.
func (s *CorpusReads) Actors(ctx context.Context) ([]annotate.ActorSummary, error) {
	s.ActorReads.Add(1)
	return s.Store.Actors(ctx)
}
