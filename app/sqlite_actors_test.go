//go:build sqlite

package app

// Built with -tags sqlite (and cgo), the actor tests of the window run
// against the real SQLite store instead of the in-memory one:
//
//	go test -tags 'sqlite migrated_fynedo' -run 'Actor|LinkThree' ./app/

import (
	"byline/annotate"
	"byline/assets"
	"byline/storage"
)

func init() {
	openActorStore = func(path string, create bool) (annotate.Store, error) {
		schema, err := annotate.ParseSchema(assets.Schema())
		if err != nil {
			return nil, err
		}
		return storage.Open(path, storage.Options{Create: create, DefaultSchema: schema, Annotator: "tester"})
	}
}
