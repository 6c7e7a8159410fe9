package article

// drawActorMarks puts a small link mark on the top right corner of every
// visible mention linked to an actor, and, while a linked mention is
// selected, a thin frame around the other mentions of the same actor.
func (r *textRenderer) drawActorMarks(first, end int) {
	e := r.t.ed
	lay, m := r.t.lay, e.m
	met := lay.met
	var peer int64
	if e.sel.Kind == KindEntity {
		if ent, _ := m.entity(e.sel.ID); ent != nil {
			peer = ent.ActorID
		}
	}
	m.entitiesIn(first, end, func(i int) {
		ent := &m.ann.Entities[i]
		if ent.ActorID == 0 {
			return
		}
		v := m.ents[i]
		last, lastX := -1, float32(0)
		lay.spanFragments(m, v.toks, ent.Start, ent.End, r.first, r.last, func(li int, x0, x1 float32, _ bool) {
			last, lastX = li, x1
			if ent.ActorID == peer && ent.ID != e.sel.ID {
				r.outline(&r.marks, x0-3, lay.textTop(li)-3, x1-x0+6, met.textH+6, r.pal.focus, 1)
			}
		})
		if last < 0 {
			return
		}
		const d = 7 // the mark's diameter
		dot := r.rect(&r.marks, lastX-d/2+1, lay.textTop(last)-d/2, d, d, r.pal.label(ent.Label))
		dot.CornerRadius = d / 2
		dot.StrokeColor, dot.StrokeWidth = r.pal.fg, 1
	})
}
