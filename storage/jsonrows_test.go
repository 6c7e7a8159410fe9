package storage

import (
	"context"
	"reflect"
	"testing"
	"unicode/utf8"
)

func readJSONRows(s string, width int) ([][]jsonValue, error) {
	r := newJSONRows(s)
	var out [][]jsonValue
	for {
		row := make([]jsonValue, width)
		if !r.next(row) {
			break
		}
		out = append(out, row)
	}
	return out, r.err
}

func TestJSONRows(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		width int
		want  [][]jsonValue
		bad   bool
	}{
		{"Empty", `[]`, 2, nil, false},
		{"OneRow", `[[1,"PERSON"]]`, 2, [][]jsonValue{{{num: 1}, {str: "PERSON"}}}, false},
		{"Rows", `[[1,-2,null],[30,"a\"b\\c\n\u0001é",""]]`, 3, [][]jsonValue{
			{{num: 1}, {num: -2}, {null: true}},
			{{num: 30}, {str: "a\"b\\c\n\u0001é"}, {str: ""}}}, false},
		{"Spaces", ` [ [ 1 , "x" ] , [2,"y"] ] `, 2, [][]jsonValue{{{num: 1}, {str: "x"}}, {{num: 2}, {str: "y"}}}, false},
		{"ErrShortRow", `[[1]]`, 2, nil, true},
		{"ErrLongRow", `[[1,2,3]]`, 2, nil, true},
		{"ErrUnterminated", `[[1,"abc]]`, 2, nil, true},
		{"ErrTrailing", `[[1,2]]x`, 2, nil, true},
		{"ErrMissingComma", `[[1,2][3,4]]`, 2, nil, true},
		{"ErrFloat", `[[1.5,2]]`, 2, nil, true},
		{"ErrNotArray", `{"a":1}`, 2, nil, true},
		{"ErrHugeNumber", `[[12345678901234567890,1]]`, 2, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readJSONRows(tt.in, tt.width)
			if tt.bad {
				if err == nil {
					t.Fatalf("accepted: %v", got)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

// FuzzJSONRows checks the reader against SQLite's own JSON output: any two
// strings and a number written by json_group_array(json_array(...)) read
// back unchanged.
func FuzzJSONRows(f *testing.F) {
	f.Add("Sergei Lavrov", "PERSON", int64(12))
	f.Add("quote \" and \\ backslash", "\n\t\x01\u2028", int64(-3))
	f.Add("Олаф 🇩🇪", "", int64(0))
	db := mustOpen(f)
	f.Fuzz(func(t *testing.T, a, b string, n int64) {
		if n > 1e15 || n < -1e15 || !utf8.ValidString(a) || !utf8.ValidString(b) {
			return // stored texts are valid UTF-8 (checked at import)
		}
		var s string
		err := db.rdb.QueryRowContext(context.Background(),
			`SELECT json_group_array(json_array(?, ?, ?, NULL)) FROM (SELECT 1 UNION ALL SELECT 2)`, n, a, b).Scan(&s)
		if err != nil {
			return // not valid UTF-8 or the like: SQLite refuses, nothing to read
		}
		rows, err := readJSONRows(s, 4)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		want := []jsonValue{{num: n}, {str: a}, {str: b}, {null: true}}
		if len(rows) != 2 || !reflect.DeepEqual(rows[0], want) || !reflect.DeepEqual(rows[1], want) {
			t.Fatalf("%s: read %v", s, rows)
		}
	})
}
