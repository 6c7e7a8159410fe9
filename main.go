// Command byline is a desktop annotation tool for news analysts. With no
// arguments it opens the GUI; "byline <command>" runs headless commands.
package main

import (
	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := fyneapp.NewWithID("app.byline.annotator")
	w := a.NewWindow("Byline")
	w.SetContent(widget.NewLabel("Byline"))
	w.Resize(fyne.NewSize(1200, 800))
	w.ShowAndRun()
}
