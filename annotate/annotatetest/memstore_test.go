package annotatetest

import (
	"os"
	"testing"

	"byline/annotate"
)

func TestMemStore(t *testing.T) {
	b, err := os.ReadFile("../../assets/schema.json")
	if err != nil {
		t.Fatal(err)
	}
	schema, err := annotate.ParseSchema(b)
	if err != nil {
		t.Fatal(err)
	}
	TestStore(t, func(t *testing.T) annotate.Store { return NewMemStore(schema) })
}
