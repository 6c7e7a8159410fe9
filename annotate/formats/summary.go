package formats

import (
	"fmt"
	"strings"
)

// Summary says, for people, what an export wrote and where: counts, files,
// and what was dropped or adjusted (the manifest has the details).
func (m *Manifest) Summary(out string) string {
	var b strings.Builder
	c := m.Counts
	fmt.Fprintf(&b, "Exported %d document(s) as %s: %d entities, %d quotes, %d relations.\nWritten to %s:\n",
		c.Documents, m.Format, c.Entities, c.Quotes, c.Relations, out)
	for _, f := range m.Files {
		if f.Split != "" {
			fmt.Fprintf(&b, "  %s (%s, %d documents)\n", f.Path, f.Split, f.Documents)
		} else {
			fmt.Fprintf(&b, "  %s (%d documents)\n", f.Path, f.Documents)
		}
	}
	for _, a := range c.Dropped {
		fmt.Fprintf(&b, "Dropped %d %s: %s\n", a.Count, a.What, a.Reason)
	}
	for _, a := range c.Adjusted {
		fmt.Fprintf(&b, "Adjusted %d %s: %s\n", a.Count, a.What, a.Reason)
	}
	b.WriteString("A manifest describing the export was written beside it.")
	return b.String()
}
