package ingest

import (
	"regexp"
	"strings"
	"time"
)

// Layouts of publication dates seen on news pages, by what they carry.
var (
	zonedLayouts = []string{
		time.RFC3339Nano,
		"2006-01-02T15:04Z07:00",
		"2006-01-02T15:04:05.999999999Z0700",
		"2006-01-02T15:04Z0700",
		"2006-01-02 15:04:05.999999999Z07:00",
		"2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04:05 Z07:00",
		"2006-01-02 15:04:05 -0700",
		"2006-01-02T15:04:05.999999999-07",
		time.RFC1123Z,
		"Mon, 2 Jan 2006 15:04:05 -0700",
		time.RFC1123,
		"Mon, 2 Jan 2006 15:04:05 MST",
		"Mon, 2 Jan 2006 15:04 MST",
		"Mon 2 Jan 2006 15.04 MST",
		"2 Jan 2006 15:04 MST",
		"2 Jan 2006 15:04:05 MST",
		"2 January 2006 15:04 MST",
		"2 January 2006 15:04:05 MST",
		"Jan 2, 2006 15:04 MST",
		"Jan 2, 2006 3:04 PM MST",
		"January 2, 2006 3:04 PM MST",
		"January 2, 2006, 3:04 PM MST",
		"3:04 PM MST, January 2, 2006",
		"2006-01-02 15:04 MST",
		"2006-01-02 15:04:05 MST",
	}
	localLayouts = []string{
		"2006-01-02T15:04:05.999999999",
		"2006-01-02T15:04",
		"2006-01-02 15:04:05.999999999",
		"2006-01-02 15:04",
		"2 Jan 2006 15:04",
		"2 January 2006 15:04",
		"Jan 2, 2006 3:04 PM",
		"January 2, 2006 3:04 PM",
		"15:04, Mon, Jan 2, 2006",
	}
	dateLayouts = []string{
		"2006-01-02",
		"2006/01/02",
		"2006.01.02",
		"02.01.2006",
		"2.1.2006",
		"January 2, 2006",
		"Jan 2, 2006",
		"Jan. 2, 2006",
		"2 January 2006",
		"2 Jan 2006",
		"02 January 2006",
		"Monday, January 2, 2006",
		"Monday, 2 January 2006",
	}
	yearMonthRE = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])$`)
)

// normalizeDate writes a publication date as ISO 8601, keeping the
// precision it was given with: a date stays a date ("2023-05-26"), a time
// with a zone keeps its offset ("2023-05-26T10:30:00+03:00"), a time without
// one stays local ("2023-05-26T10:30:00"). Fractions of a second are dropped.
// ok is false for anything else (the caller keeps the value as given).
func normalizeDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return "", false
	}
	if yearMonthRE.MatchString(s) {
		return s, true
	}
	for _, l := range zonedLayouts {
		t, err := time.Parse(l, s)
		if err != nil {
			continue
		}
		name, offset := t.Zone()
		if offset == 0 && name != "" && name != "UTC" && name != "GMT" && name != "Z" {
			// An abbreviation Go cannot place ("EST"): keep the clock time
			// rather than invent an offset.
			return t.Format("2006-01-02T15:04:05"), true
		}
		return t.Format("2006-01-02T15:04:05Z07:00"), true
	}
	for _, l := range localLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format("2006-01-02T15:04:05"), true
		}
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	return "", false
}
