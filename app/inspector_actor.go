package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"byline/annotate"
	"byline/app/article"
)

// actorRow shows the actor the selected mention links to, with buttons to
// link it (the chooser, as L does) and to unlink it.
func (in *inspector) actorRow(e *annotate.Entity) fyne.CanvasObject {
	ed := in.w.editor
	id := e.ID
	name := wrappedLabel("none (press L to link)")
	unlink := widget.NewButtonWithIcon("Unlink", theme.ContentClearIcon(), func() { ed.LinkActor(id, 0) })
	unlink.Disable()
	if e.ActorID != 0 {
		name.SetText("…")
		if a := ed.ActorOf(e); a != nil {
			name.SetText(actorCaption(a))
		}
		unlink.Enable()
	}
	link := widget.NewButtonWithIcon("Link…", theme.SearchIcon(), func() {
		ed.Select(article.Ref{Kind: article.KindEntity, ID: id})
		ed.OpenActorChooser()
	})
	in.actorName, in.unlinkActor, in.linkActor = name, unlink, link
	// The panel is narrow: the name gets the row, the buttons the next one.
	return container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel("Actor"), nil, name),
		container.NewHBox(link, unlink))
}

// actorCaption names an actor with its label and external id.
func actorCaption(a *annotate.Actor) string {
	s := a.Name + " · " + a.Label
	if a.KBID != "" {
		s += " · " + a.KBID
	}
	return s
}
