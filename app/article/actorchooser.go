package article

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"byline/annotate"
)

// chooserLimit is how many filtered actors the chooser lists below the
// proposals: enough to pick from, few enough to stay within a frame.
const chooserLimit = 50

// actorChooser is the popup L opens on a mention: a filter field over the
// registry's names and aliases, the proposed and matching actors, and a
// last row that creates a new actor from the mention.
type actorChooser struct {
	ed     *Editor
	entity int64
	text   string // the mention's text
	label  string

	title  *widget.Label
	filter *chooserField
	list   *chooserList
	rows   []chooserRow
	cur    int // the highlighted row
	popup  *chooserPopUp
}

// chooserBindings are the actor chooser's keys, for the help overlay.
var chooserBindings = []Binding{
	{Keys: "Typing (actor chooser)", Description: "Filter the actors by name and alias (accents and case aside, letters in order)"},
	{Keys: "Up, Down (actor chooser)", Description: "Move through the actors; ★ marks the proposed ones"},
	{Keys: "Tab, Shift+Tab (actor chooser)", Description: "Move through the actors, as Down and Up do"},
	{Keys: "Enter (actor chooser)", Description: "Link the mention to the highlighted actor (Ctrl+Z undoes it)"},
	{Keys: "Shift+Enter (actor chooser)", Description: "Create an actor from the mention (or the typed name) and link it"},
	{Keys: "Esc (actor chooser)", Description: "Close the chooser without linking"},
}

// chooserRow is one row: an actor, or (actor nil) the create row.
type chooserRow struct {
	actor *annotate.ActorSummary
	name  string // the name or alias that matched
	why   string // why it is proposed; "" for a filter match
}

// chooserField is the filter: an Entry that leaves the arrows, Tab, Enter
// and Esc to the chooser. The driver sends them to the focused Entry as
// TypedKey, and Shift only as KeyDown/KeyUp.
type chooserField struct {
	widget.Entry
	c     *actorChooser
	shift bool
}

// AcceptsTab keeps Tab in the filter: moving the focus to the list would
// leave the typed keys nowhere to go.
func (f *chooserField) AcceptsTab() bool { return true }

func newChooserField(c *actorChooser) *chooserField {
	f := &chooserField{c: c}
	f.ExtendBaseWidget(f)
	f.SetPlaceHolder("Filter by name or alias")
	f.OnChanged = func(string) { c.refill() }
	return f
}

// TypedKey moves through the list, links, creates or closes; other keys
// edit the filter.
func (f *chooserField) TypedKey(ev *fyne.KeyEvent) {
	if !f.c.typedKey(ev.Name, f.shift) {
		f.Entry.TypedKey(ev)
	}
}

// typedKey handles the chooser's own keys wherever its focus is; it
// reports whether key was one of them.
func (c *actorChooser) typedKey(key fyne.KeyName, shift bool) bool {
	switch key {
	case fyne.KeyDown:
		c.move(1)
	case fyne.KeyUp:
		c.move(-1)
	case fyne.KeyTab:
		if shift {
			c.move(-1)
		} else {
			c.move(1)
		}
	case fyne.KeyPageDown:
		c.move(10)
	case fyne.KeyPageUp:
		c.move(-10)
	case fyne.KeyReturn, fyne.KeyEnter:
		if shift {
			c.create()
		} else {
			c.choose(c.cur)
		}
	case fyne.KeyEscape:
		c.dismiss()
	default:
		return false
	}
	return true
}

// chooserList is the list of rows. Should it get the focus (a click on it
// can give it), the chooser's keys still work, Esc above all.
type chooserList struct {
	widget.List
	c *actorChooser
}

// TypedKey implements fyne.Focusable.
func (l *chooserList) TypedKey(ev *fyne.KeyEvent) {
	if !l.c.typedKey(ev.Name, false) {
		l.List.TypedKey(ev)
	}
}

// chooserPopUp is the chooser's pop-up. A click outside it closes the
// chooser through the editor, which hands the keys back to the text; the
// plain PopUp would only hide itself and leave the focus wherever it was
// before the chooser opened.
type chooserPopUp struct {
	widget.PopUp
	c *actorChooser
}

func newChooserPopUp(c *actorChooser, content fyne.CanvasObject, cv fyne.Canvas) *chooserPopUp {
	p := &chooserPopUp{c: c}
	p.Content, p.Canvas = content, cv
	p.ExtendBaseWidget(p)
	return p
}

// showAt puts the pop-up on the canvas at pos. PopUp.Show would add the
// embedded PopUp, whose clicks this type could not see.
func (p *chooserPopUp) showAt(pos fyne.Position) {
	p.Move(pos)
	p.Canvas.Overlays().Add(p)
	p.Refresh()
}

// Hide takes the pop-up off the canvas.
func (p *chooserPopUp) Hide() {
	p.Canvas.Overlays().Remove(p)
	p.PopUp.Hide()
}

// Tapped closes the chooser on a click outside it.
func (p *chooserPopUp) Tapped(ev *fyne.PointEvent) {
	if !p.contains(ev.Position) {
		p.c.dismiss()
	}
}

// TappedSecondary closes the chooser on a right click outside it.
func (p *chooserPopUp) TappedSecondary(ev *fyne.PointEvent) { p.Tapped(ev) }

// contains reports whether pos is on the chooser's panel: its content and
// the padding around it.
func (p *chooserPopUp) contains(pos fyne.Position) bool {
	pad := theme.InnerPadding() / 2
	at, size := p.Content.Position(), p.Content.Size()
	return pos.X >= at.X-pad && pos.Y >= at.Y-pad &&
		pos.X <= at.X+size.Width+pad && pos.Y <= at.Y+size.Height+pad
}

// KeyDown tracks Shift, for Shift+Enter.
func (f *chooserField) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		f.shift = true
	}
	f.Entry.KeyDown(ev)
}

// KeyUp implements desktop.Keyable.
func (f *chooserField) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		f.shift = false
	}
	f.Entry.KeyUp(ev)
}

// FocusLost forgets Shift: its release may go elsewhere.
func (f *chooserField) FocusLost() {
	f.shift = false
	f.Entry.FocusLost()
}

// OpenActorChooser opens the chooser on the selected mention (the L key).
func (e *Editor) OpenActorChooser() {
	ent, _ := e.m.entity(e.sel.ID)
	if e.sel.Kind != KindEntity || ent == nil {
		e.status("Select a mention (an entity span) first, then press L")
		return
	}
	cv := e.view.text.canvas()
	if cv == nil {
		return
	}
	e.closeActorChooser()
	c := &actorChooser{ed: e, entity: ent.ID, text: ent.Text, label: ent.Label}
	c.title = widget.NewLabelWithStyle(c.titleText(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.title.Truncation = fyne.TextTruncateEllipsis
	c.filter = newChooserField(c)
	c.list = &chooserList{c: c}
	c.list.Length = func() int { return len(c.rows) }
	c.list.CreateItem = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		bg := canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
		bg.CornerRadius = 3
		return container.NewStack(bg, l)
	}
	c.list.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		if i >= len(c.rows) {
			return
		}
		row := o.(*fyne.Container)
		bg, l := row.Objects[0].(*canvas.Rectangle), row.Objects[1].(*widget.Label)
		// The highlighted row is drawn here rather than as the list's
		// selection, so a click on it still reaches OnSelected.
		bg.FillColor = theme.Color(theme.ColorNameSelection)
		bg.Hidden = i != c.cur
		bg.Refresh()
		l.TextStyle.Bold = c.rows[i].why != ""
		l.SetText(c.rowText(c.rows[i]))
	}
	c.list.ExtendBaseWidget(c.list)
	c.list.OnSelected = func(i widget.ListItemID) {
		c.list.UnselectAll()
		c.choose(i) // a click on a row
	}
	hint := widget.NewLabel("↑↓ choose · Enter link · Shift+Enter new actor · Esc close")
	hint.SizeName = theme.SizeNameCaptionText
	hint.Importance = widget.LowImportance
	content := container.NewBorder(container.NewVBox(c.title, c.filter), hint, nil, nil, c.list)
	c.popup = newChooserPopUp(c, content, cv)
	e.chooser = c
	size := fyne.NewSize(420, 320)
	c.popup.Resize(size)
	c.popup.showAt(e.chooserPosition(cv, ent, size))
	cv.Focus(c.filter)
	c.refill()
	e.withActors(func() {
		if e.chooser == c {
			c.refill()
		}
	})
}

// titleText names the mention, or says the registry is still being read.
func (c *actorChooser) titleText() string {
	if !c.ed.actors.loaded {
		return "Reading the actors…"
	}
	return fmt.Sprintf("Link %s “%s” to an actor", c.label, annotate.Snippet(c.text, 40))
}

// chooserPosition places the chooser under the mention, inside the window.
func (e *Editor) chooserPosition(cv fyne.Canvas, ent *annotate.Entity, size fyne.Size) fyne.Position {
	t := e.view.text
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(t)
	p := origin
	if toks := e.refTokens(Ref{KindEntity, ent.ID}); !toks.empty() && toks.first < len(t.lay.tokLn) {
		pos, sz := t.lay.tokenRect(toks.first)
		p = origin.Add(fyne.NewPos(pos.X, pos.Y+sz.Height+6))
	}
	cs := cv.Size()
	p.X = max(0, min(p.X, cs.Width-size.Width))
	if p.Y+size.Height > cs.Height {
		// No room below: above the mention.
		p.Y = max(0, p.Y-size.Height-40)
	}
	return p
}

// closeActorChooser hides the chooser and gives the text the keys back.
func (e *Editor) closeActorChooser() {
	if c := e.chooser; c != nil {
		e.chooser = nil
		c.popup.Hide()
		e.view.text.focus()
	}
}

// ChooserOpen reports whether the actor chooser is showing.
func (e *Editor) ChooserOpen() bool { return e.chooser != nil && e.chooser.popup.Visible() }

func (c *actorChooser) close() { c.ed.closeActorChooser() }

// dismiss closes the chooser without linking (Esc, a click outside).
func (c *actorChooser) dismiss() {
	c.close()
	c.ed.status("Actor chooser closed; the link is unchanged")
}

// chooserEntity points at the mention the open chooser links, so that a
// span's provisional id becomes the stored one there too (nil-safe: a
// spare when no chooser is open).
func (e *Editor) chooserEntity() *int64 {
	if e.chooser == nil {
		return new(int64)
	}
	return &e.chooser.entity
}

// rowText is how a row reads: the actor's name (and the alias that
// matched), label, counts, and why it is proposed.
func (c *actorChooser) rowText(r chooserRow) string {
	if r.actor == nil {
		return fmt.Sprintf("Create actor “%s” (%s)", c.createName(), c.label)
	}
	s := r.actor.Name
	if r.name != "" && r.name != r.actor.Name {
		s += " (" + r.name + ")"
	}
	if r.why != "" {
		// Why first: the row is cut at the chooser's width.
		s = "★ " + s + " — " + r.why
	}
	s += " · " + r.actor.Label + " · " + annotate.Plural(r.actor.Mentions, "mention")
	return s
}

// createName is the name a new actor gets: the mention's text, or what
// was typed into the filter.
func (c *actorChooser) createName() string {
	if q := c.filter.Text; annotate.FoldName(q) != "" {
		return q
	}
	return c.text
}

// refill rebuilds the rows for the filter: with nothing typed, the
// proposals first, then the actors whose names match the mention; else the
// best matches of what was typed. The create row comes last.
func (c *actorChooser) refill() {
	e := c.ed
	c.title.SetText(c.titleText())
	c.rows = c.rows[:0]
	if ix := e.actors.index; e.actors.loaded && ix != nil {
		seen := map[int64]bool{}
		query := c.filter.Text
		if annotate.FoldName(query) == "" {
			ent, _ := e.m.entity(c.entity)
			if ent != nil {
				for _, p := range e.proposeActors(ent) {
					seen[p.actor.ID] = true
					c.rows = append(c.rows, chooserRow{actor: p.actor, why: p.why})
				}
			}
			query = c.text
			if isPronoun(c.text) {
				query = ""
			}
		}
		matches := ix.Filter(query, chooserLimit)
		if len(matches) == 0 && len(c.rows) == 0 && query != "" && query == c.text {
			matches = ix.Filter("", chooserLimit) // nothing like the mention: the most mentioned
		}
		for _, m := range matches {
			if !seen[m.Actor.ID] {
				c.rows = append(c.rows, chooserRow{actor: m.Actor, name: m.Name})
			}
		}
	}
	if e.actors.loaded {
		// Until the registry is read, Enter must not create a second
		// copy of an actor it holds.
		c.rows = append(c.rows, chooserRow{})
	}
	c.cur = 0
	c.showCurrent()
}

// move steps the highlighted row by d, staying within the list.
func (c *actorChooser) move(d int) {
	c.cur = max(0, min(c.cur+d, len(c.rows)-1))
	c.showCurrent()
}

func (c *actorChooser) showCurrent() {
	c.list.ScrollTo(c.cur)
	c.list.Refresh()
}

// choose links the mention to row i's actor, or creates one for the
// create row.
func (c *actorChooser) choose(i int) {
	if i < 0 || i >= len(c.rows) {
		return
	}
	r := c.rows[i]
	if r.actor == nil {
		c.create()
		return
	}
	c.close()
	_ = c.ed.LinkActor(c.entity, r.actor.ID)
}

// create makes a new actor from the mention (or the typed name) and links
// the mention to it.
func (c *actorChooser) create() {
	if !c.ed.actors.loaded {
		return // the registry may hold it: wait for the list
	}
	name := c.createName()
	c.close()
	_ = c.ed.CreateActorFor(c.entity, name)
}
