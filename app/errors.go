package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"byline/annotate"
)

// actionOpenDB names opening a database in error titles.
const actionOpenDB = "Open database"

// errorText turns an error into a dialog title and a body that says what is
// wrong and what to do. action names what failed ("Open database"). This is
// the only place that maps error codes to words for the analyst.
func errorText(action string, err error, details string) (title, body string) {
	msg := annotate.ErrorMessage(err)
	switch annotate.ErrorCode(err) {
	case annotate.EINVALID:
		return action + ": not possible", msg
	case annotate.ENOTFOUND:
		return action + ": not found", msg + "\n\nIt may have been deleted in the meantime. The view has been reloaded."
	case annotate.ECONFLICT:
		return action + ": conflict", msg + "\n\nNothing was changed."
	case annotate.EFORMAT:
		if action == actionOpenDB {
			return action + ": wrong file format", msg +
				"\n\nChoose a Byline database, or create a new one with Ctrl+N (articles go in with Ctrl+I). The file was not changed."
		}
		return action + ": wrong file format", msg +
			"\n\nChoose a file Byline knows (.txt, .md, .html, .jsonl, or a schema .json). The file was not changed."
	case annotate.EVERSION:
		return action + ": made by a newer Byline", msg +
			"\n\nInstall the newest Byline to open this database. The file was not changed."
	case annotate.EDAMAGED:
		return action + ": the file is damaged", msg
	case annotate.ELOCKED:
		return action + ": database is busy", msg +
			"\n\nAnother program (perhaps another Byline window) is using it. Close that program and try again."
	}
	return action + ": something went wrong", msg +
		"\n\nYour saved work is safe. " + details + " If this keeps happening, restart Byline."
}

// showError logs internal errors and shows any error in a dialog.
func (w *Window) showError(action string, err error) {
	if err == nil {
		return
	}
	details := ""
	if annotate.ErrorCode(err) == annotate.EINTERNAL {
		details = "The details: " + err.Error()
		if w.cfg.LogError != nil {
			details = w.cfg.LogError(action, err)
		} else {
			fyne.LogError(action, err)
		}
	}
	title, body := errorText(action, err, details)
	w.lastError = title
	w.showDialog(dialog.NewInformation(title, body, w.win))
}

// offerBackup says a database is damaged and offers to open its newest
// backup instead; the damaged file is left as it is.
func (w *Window) offerBackup(backup string, err error) {
	title, body := errorText(actionOpenDB, err, "")
	w.lastError = title
	d := dialog.NewConfirm(title, body+"\n\nOpen the backup "+backup+" instead? The damaged file is not changed.", func(ok bool) {
		if ok {
			w.openDatabase(backup)
		}
	}, w.win)
	d.SetConfirmText("Open backup")
	d.SetDismissText("Close")
	d.Show()
}
