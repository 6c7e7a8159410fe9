package formats

import (
	"fmt"
	"strings"
)

// Summary is what the command line prints after an export written to out.
func (m *Manifest) Summary(out string) string {
	var b strings.Builder
	c := m.Counts
	fmt.Fprintf(&b, "Exported %d document(s) as %s to %s: %d entities, %d quotes (%d segments, %d cues, %d speakers), %d relations\n",
		c.Documents, m.Format, out, c.Entities, c.Quotes, c.QuoteSegments, c.Cues, c.Speakers, c.Relations)
	if c.Documents == 0 {
		b.WriteString("No document matched the filters (status, annotator, label): the output is empty.\n")
	}
	for _, f := range m.Files {
		if f.Split != "" {
			fmt.Fprintf(&b, "  %s: %s, %d document(s)\n", f.Split, f.Path, f.Documents)
		}
	}
	for _, a := range c.Dropped {
		fmt.Fprintf(&b, "dropped %d %s: %s (e.g. %s)\n", a.Count, a.What, a.Reason, strings.Join(a.Examples, ", "))
	}
	for _, a := range c.Adjusted {
		fmt.Fprintf(&b, "adjusted %d %s: %s (e.g. %s)\n", a.Count, a.What, a.Reason, strings.Join(a.Examples, ", "))
	}
	for _, a := range c.Warnings {
		fmt.Fprintf(&b, "warning: %d %s: %s (e.g. %s)\n", a.Count, a.What, a.Reason, strings.Join(a.Examples, ", "))
	}
	for _, w := range m.Warnings {
		fmt.Fprintf(&b, "warning: %s\n", w)
	}
	if m.Path != "" {
		fmt.Fprintf(&b, "manifest: %s\n", m.Path)
	}
	return strings.TrimRight(b.String(), "\n")
}
