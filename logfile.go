package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"byline/annotate"
)

// maxLogSize is the size past which byline.log is moved to byline.log.1
// (replacing the older one) before the next entry.
const maxLogSize = 1 << 20

// logPath is byline.log in the user's data folder.
func logPath() (string, error) {
	dir, err := dataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "byline.log"), nil
}

// logError appends what failed and err's full text (the driver's words
// included) to byline.log, and returns where the details are for a
// message: the log's path, or the details themselves when the log cannot
// be written.
func logError(what string, err error) string {
	path, perr := logPath()
	if perr == nil {
		perr = appendLog(path, what, err)
	}
	if perr != nil {
		return "The details: " + err.Error()
	}
	return "Details are in " + path + "."
}

func appendLog(path, what string, err error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if fi, err := os.Stat(path); err == nil && fi.Size() > maxLogSize {
		if err := os.Rename(path, path+".1"); err != nil {
			return err
		}
	}
	f, err2 := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err2 != nil {
		return err2
	}
	_, werr := fmt.Fprintf(f, "%s %s: %s\n", time.Now().UTC().Format(time.RFC3339), what, err.Error())
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	return werr
}

// errorLine is what a command prints for err: the message for people, and
// for an internal error where its details are.
func errorLine(cmd string, err error) string {
	msg := annotate.ErrorMessage(err)
	if annotate.ErrorCode(err) == annotate.EINTERNAL {
		msg += " " + logError("byline "+cmd, err)
	}
	return fmt.Sprintf("byline %s: %s", cmd, msg)
}
