package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"byline/annotate/formats"
)

// importActors makes a database from testdata/actors.jsonl: Sergei Lavrov
// (three mentions, a quote in each of two documents) and the ministry.
func importActors(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "a.db")
	code, out, errs := byline(t, "import", "--db", db, "testdata/actors.jsonl")
	if code != 0 {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	if !strings.Contains(out, "actors: 2 new, 0 merged") {
		t.Errorf("the import summary does not report the actors:\n%s", out)
	}
	return db
}

func TestCLIActors(t *testing.T) {
	db := importActors(t)
	code, out, errs := byline(t, "actors", "--db", db)
	if code != 0 {
		t.Fatalf("actors: %d %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "ID") {
		t.Fatalf("actors table:\n%s", out)
	}
	if f := strings.Fields(lines[2]); strings.Join(f, " ") != "1 Sergei Lavrov PERSON 3 2 Q193570 Lavrov" {
		t.Errorf("Lavrov's row: %q", lines[2])
	}

	code, out, errs = byline(t, "actors", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("actors --json: %d %s", code, errs)
	}
	var list []actorJSON
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("actors --json: %v\n%s", err, out)
	}
	if len(list) != 2 || list[0].Name != "Russian Foreign Ministry" || list[0].Mentions != 1 || list[0].Quotes != 0 ||
		list[1].KBID != "Q193570" || list[1].Quotes != 2 {
		t.Errorf("actors --json: %+v", list)
	}

	// A second file with Lavrov under his external id merges, reported.
	more := filepath.Join(t.TempDir(), "more.jsonl")
	line := `{"id":"m1","text":"S. Lavrov spoke.","entities":[{"id":"T1","start":0,"end":9,"label":"PERSON","text":"S. Lavrov","actor":"A7"}],` +
		`"quotes":[],"relations":[],"actors":[{"id":"A7","name":"S. Lavrov","label":"PERSON","kb_id":"Q193570"}]}` + "\n"
	if err := os.WriteFile(more, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = byline(t, "import", "--db", db, more)
	if code != 0 || !strings.Contains(out, "actors: 0 new, 1 merged") {
		t.Fatalf("second import: %d\n%s%s", code, out, errs)
	}
	_, out, _ = byline(t, "actors", "--db", db, "--json")
	list = nil
	json.Unmarshal([]byte(out), &list)
	if len(list) != 2 || list[1].Mentions != 4 || strings.Join(list[1].Aliases, "|") != "Lavrov|S. Lavrov" {
		t.Errorf("after the merge: %+v", list)
	}
}

func TestCLIQuotes(t *testing.T) {
	db := importActors(t)
	want := `actor,actor_id,quote,kind,cue,document,title,source,published,start,end
Sergei Lavrov,1,"""No talks,""",direct,told,act-2,Moscow,,2023-06-02,0,11
Sergei Lavrov,1,"""We agreed,""",direct,said,act-1,Ankara talks,,2023-05-26,31,43
`
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, want},
		{[]string{"--actor", "lavrov"}, want},        // an alias, any case
		{[]string{"--actor", "SERGEI LAVROV"}, want}, // the name
		{[]string{"--actor", "1"}, want},             // the id
		{[]string{"--actor", "Russian Foreign Ministry"}, // no quotes
			"actor,actor_id,quote,kind,cue,document,title,source,published,start,end\n"},
		{[]string{"--since", "2023-06-01"}, strings.Join(strings.Split(want, "\n")[:2], "\n") + "\n"},
		{[]string{"--until", "2023-05-31"}, strings.Split(want, "\n")[0] + "\n" + strings.Split(want, "\n")[2] + "\n"},
	} {
		code, out, errs := byline(t, append([]string{"quotes", "--db", db}, c.args...)...)
		if code != 0 {
			t.Errorf("quotes %v: %d %s", c.args, code, errs)
			continue
		}
		if out != c.want {
			t.Errorf("quotes %v:\n%s\nwant:\n%s", c.args, out, c.want)
		}
	}

	code, out, errs := byline(t, "quotes", "--db", db, "--format", "jsonl", "--since", "2023-06-01")
	if code != 0 {
		t.Fatalf("jsonl: %d %s", code, errs)
	}
	var q formats.QuoteLine
	if err := json.Unmarshal([]byte(out), &q); err != nil || q.Actor != "Sergei Lavrov" || q.Quote != `"No talks,"` ||
		q.Cue != "told" || q.Document != "act-2" || len(q.Segments) != 1 || q.End != 11 {
		t.Errorf("jsonl line %q: %+v %v", out, q, err)
	}

	for _, c := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"--actor", "Lavrv"}, 1, `did you mean: 1 Sergei Lavrov (PERSON)`},
		{[]string{"--actor", "Nobody at all"}, 1, `no actor is called "Nobody at all"`},
		{[]string{"--since", "May 2023"}, 1, `since date "May 2023" is not a date`},
		{[]string{"--format", "xlsx"}, 2, `--format must be csv or jsonl`},
	} {
		code, _, errs := byline(t, append([]string{"quotes", "--db", db}, c.args...)...)
		if code != c.code || !strings.Contains(errs, c.err) {
			t.Errorf("quotes %v: exit %d, stderr %q; want %d and %q", c.args, code, errs, c.code, c.err)
		}
	}
}

// byline suggest proposes the registry's actors: accepting headless links a
// quote's new speaker span, an alias of an actor, to that actor.
func TestCLISuggestLinksActors(t *testing.T) {
	db := importActors(t)
	plain := filepath.Join(t.TempDir(), "new.jsonl")
	if err := os.WriteFile(plain, []byte(`{"id":"n1","text":"\"We will not retreat from this position,\" Lavrov said on Friday."}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := byline(t, "import", "--db", db, plain); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	code, out, errs := byline(t, "suggest", "--db", db, "--status", "todo", "--accept")
	if code != 0 || !strings.Contains(out, "1 documents: 1 quote and 0 entity suggestions accepted") {
		t.Fatalf("suggest: %d %q %s", code, out, errs)
	}
	_, out, _ = byline(t, "actors", "--db", db, "--json")
	var list []actorJSON
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[1].Name != "Sergei Lavrov" || list[1].Mentions != 4 || list[1].Quotes != 3 {
		t.Errorf("after accepting: %+v", list)
	}
}

// The commands that only read (stats, export, actors, quotes, compare) refuse a
// database an older Byline wrote, as they do every write: no upgrade, no
// backup, nothing beside the file.
func TestCLIReadersRefuseOlderDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "old.db")
	data, err := os.ReadFile("storage/testdata/v1.db")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(db, data, 0o644); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, db)
	for _, args := range [][]string{
		{"stats"},
		{"export", "--out", filepath.Join(t.TempDir(), "x.jsonl")},
		{"actors"},
		{"quotes"},
		{"compare", "--gold", "testdata/annotated.jsonl"},
	} {
		code, _, errs := byline(t, append(args, "--db", db)...)
		if code != 1 || !strings.Contains(errs, "was written by an older Byline (schema version 1)") {
			t.Errorf("%s on an older database: exit %d, stderr %q", args[0], code, errs)
		}
	}
	if fileSum(t, db) != before {
		t.Error("the older database changed")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("the folder holds %v, want only the database", names)
	}
}
