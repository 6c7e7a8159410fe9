package storage

import (
	"context"
	"fmt"
	"os"
	"strconv"

	"byline/annotate"
)

// childEnv selects a child role when the test binary runs itself.
const childEnv = "BYLINE_STORAGE_CHILD"

// runChild writes entities to the database named by BYLINE_DB, on the
// document BYLINE_DOC, starting at offset BYLINE_BASE, printing each
// acknowledged (committed) entity id on its own line. BYLINE_COUNT limits
// the number of writes (0 = until killed).
func runChild(role string) int {
	path := os.Getenv("BYLINE_DB")
	docID, _ := strconv.ParseInt(os.Getenv("BYLINE_DOC"), 10, 64)
	base, _ := strconv.Atoi(os.Getenv("BYLINE_BASE"))
	limit, _ := strconv.Atoi(os.Getenv("BYLINE_COUNT"))
	db, err := Open(path, Options{Annotator: role})
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		return 2
	}
	defer db.Close()
	labels := []string{"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "DATE", "TITLE"}
	ctx := context.Background()
	for i := 0; limit == 0 || i < limit; i++ {
		e := &annotate.Entity{DocumentID: docID, Start: base + i/len(labels), End: base + i/len(labels) + 1, Label: labels[i%len(labels)]}
		err := db.CreateEntity(ctx, e)
		if annotate.ErrorCode(err) == annotate.ECONFLICT {
			continue // left over from an earlier round
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "create entity:", err)
			return 1
		}
		fmt.Printf("%d\n", e.ID)
	}
	return 0
}
