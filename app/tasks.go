package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// taskProgress reports long work: done of total (total 0 = unknown) and a
// line of text.
type taskProgress func(done, total int, text string)

// runTask runs work off the UI goroutine behind a dialog with a progress bar
// and a Cancel button that cancels work's context. work returns a function
// that runs on the UI goroutine when it is finished (to show the summary).
func (w *Window) runTask(title string, work func(ctx context.Context, progress taskProgress) func()) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	busy := widget.NewProgressBarInfinite()
	busy.Hide()
	line := widget.NewLabel("Starting…")
	line.Truncation = fyne.TextTruncateEllipsis
	body := container.NewVBox(line, container.NewStack(bar, busy))
	d := dialog.NewCustom(title, "Cancel", container.NewGridWrap(fyne.NewSize(420, body.MinSize().Height), body), w.win)
	done := false
	d.SetOnClosed(func() {
		if !done { // closed by the Cancel button, not by the work ending
			cancel()
		}
	})
	w.showDialog(d)
	w.cancelTask = d.Hide // what the Cancel button does
	progress := func(done, total int, text string) {
		fyne.Do(func() {
			if total <= 0 {
				bar.Hide()
				busy.Show()
			} else {
				busy.Hide()
				bar.Show()
				bar.Max = float64(total)
				bar.SetValue(float64(done))
			}
			line.SetText(text)
		})
	}
	w.tasks.Add(1)
	go func() {
		defer w.tasks.Done()
		finish := work(ctx, progress)
		fyne.DoAndWait(func() {
			busy.Stop()
			done = true
			d.Hide()
			cancel()
			if finish != nil {
				finish()
			}
		})
	}()
}

// waitTasks blocks until background work has finished and shown its
// results (tests).
func (w *Window) waitTasks() {
	w.tasks.Wait()
	w.flush()
}
