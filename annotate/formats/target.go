package formats

import (
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"

	"byline/annotate"
)

// ErrNotAnExport is in the chain of the error Export returns when the target
// is an existing file that no earlier Byline export wrote; Options.Force (the
// command line's --force, the window's "Replace?") replaces it.
var ErrNotAnExport = errors.New("the target exists and is not an earlier Byline export")

// notAnExportError carries both the message for people and ErrNotAnExport.
type notAnExportError struct{ coded *annotate.Error }

func (e *notAnExportError) Error() string   { return e.coded.Error() }
func (e *notAnExportError) Unwrap() []error { return []error{e.coded, ErrNotAnExport} }

// databaseCompanions are the files SQLite keeps beside a database, by suffix.
var databaseCompanions = []string{"", "-wal", "-shm", "-journal"}

// checkTarget refuses an export target that would replace something the
// analyst owns: a protected database or one of its companions (compared by
// resolved path and by file identity, so a symlink or another spelling is
// caught), anything that is not a regular file or folder, a file that is not
// an earlier Byline export (unless force), and a folder that is neither empty
// nor a Byline export folder. Nothing is changed.
func checkTarget(out string, folder bool, protect []string, force bool) error {
	for _, db := range protect {
		if err := checkNotDatabase(out, folder, db); err != nil {
			return err
		}
	}
	fi, err := os.Stat(out)
	if errors.Is(err, fs.ErrNotExist) {
		if !folder {
			return checkManifestTarget(out, force)
		}
		return nil
	}
	if err != nil {
		return annotate.Errorf(annotate.EINVALID, "cannot write %s: %v", out, pathErr(err))
	}
	if !fi.Mode().IsRegular() && !fi.IsDir() {
		return annotate.Errorf(annotate.EINVALID, "%s is not a regular file or folder (a device, pipe or socket); Byline never replaces it", out)
	}
	if folder {
		return checkFolderTarget(out, fi)
	}
	if fi.IsDir() {
		return annotate.Errorf(annotate.EINVALID, "%s is a folder; give a file name for a single-file export", out)
	}
	if err := checkManifestTarget(out, force); err != nil {
		return err
	}
	if force || isBylineManifest(out+manifestSuffix) {
		return nil
	}
	return &notAnExportError{annotate.Errorf(annotate.ECONFLICT,
		"%s exists and is not an earlier Byline export (no %s names Byline); nothing was written. Choose another name, or add --force to replace it",
		out, filepath.Base(out)+manifestSuffix)}
}

// manifestSuffix names a single-file export's manifest beside it.
const manifestSuffix = ".manifest.json"

// checkManifestTarget refuses to replace a file at OUT.manifest.json that is
// not a Byline manifest, unless force.
func checkManifestTarget(out string, force bool) error {
	mpath := out + manifestSuffix
	fi, err := os.Stat(mpath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return annotate.Errorf(annotate.EINVALID, "cannot write %s: %v", mpath, pathErr(err))
	case !fi.Mode().IsRegular():
		return annotate.Errorf(annotate.EINVALID, "%s is not a regular file; Byline never replaces it", mpath)
	case force || isBylineManifest(mpath):
		return nil
	}
	return &notAnExportError{annotate.Errorf(annotate.ECONFLICT,
		"%s exists and is not a Byline manifest; nothing was written. Choose another name, or add --force to replace it", mpath)}
}

func checkFolderTarget(out string, fi fs.FileInfo) error {
	if !fi.IsDir() {
		return annotate.Errorf(annotate.EINVALID, "%s is a file; this export writes a folder", out)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return annotate.Errorf(annotate.EINVALID, "cannot read %s: %v", out, pathErr(err))
	}
	if len(entries) == 0 || isBylineManifest(filepath.Join(out, "manifest.json")) {
		return nil
	}
	return annotate.Errorf(annotate.EINVALID, "%s exists and is not a Byline export folder (no manifest.json names Byline); choose another output folder", out)
}

// isBylineManifest reports whether path is a manifest an earlier Byline
// export wrote.
func isBylineManifest(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var m struct {
		Tool   string `json:"tool"`
		Format string `json:"format"`
	}
	// A manifest is small; a huge file at that name is not one.
	if err := json.NewDecoder(io.LimitReader(f, 64<<20)).Decode(&m); err != nil {
		return false
	}
	return m.Tool == "byline" && m.Format != ""
}

// checkNotDatabase refuses out when it is, or (for a folder export) holds,
// the database db or one of its companions.
func checkNotDatabase(out string, folder bool, db string) error {
	dbPath := resolve(db)
	var guarded []string
	for _, suffix := range databaseCompanions {
		guarded = append(guarded, dbPath+suffix)
	}
	backups, _ := filepath.Glob(annotate.GlobEscape(dbPath) + ".bak-*")
	guarded = append(guarded, backups...)
	refuse := func() error {
		return annotate.Errorf(annotate.EINVALID,
			"%s is the open database %s or one of its files; an export never replaces it. Choose another output", out, db)
	}
	if folder {
		dir := resolve(out)
		for _, g := range guarded {
			if samePath(g, dir) || strings.HasPrefix(foldCase(g), foldCase(dir)+string(filepath.Separator)) {
				return annotate.Errorf(annotate.EINVALID,
					"%s holds the open database %s; a folder export replaces the whole folder. Choose another output", out, db)
			}
		}
		return nil
	}
	for _, target := range []string{out, out + manifestSuffix} {
		rt := resolve(target)
		if strings.HasPrefix(foldCase(rt), foldCase(dbPath)+".bak-") {
			return refuse()
		}
		for _, g := range guarded {
			if samePath(rt, g) || sameFile(target, g) {
				return refuse()
			}
		}
	}
	return nil
}

// resolve returns path made absolute with every symlink of it (or, for a
// missing file, of its folder) followed.
func resolve(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = filepath.Clean(path)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(dir, filepath.Base(abs))
	}
	return abs
}

func sameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}

// samePath compares resolved paths, ignoring case where the usual file
// systems do.
func samePath(a, b string) bool { return foldCase(a) == foldCase(b) }

func foldCase(p string) string {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return strings.ToLower(p)
	}
	return p
}

// tmpPrefix starts the names of an export's temporary files beside out.
func tmpPrefix(base string) string { return "." + base + ".tmp-" }

// removeLeftovers deletes temporary files an interrupted export to the same
// target left in dir: ".BASE.tmp-NNN" (a file or a folder), its manifest's
// ".BASE.manifest.json.tmp-NNN" and a folder set aside as "….old-PID".
func removeLeftovers(dir, base string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		for _, prefix := range []string{tmpPrefix(base), tmpPrefix(base + manifestSuffix)} {
			rest, ok := strings.CutPrefix(e.Name(), prefix)
			if ok && isTempSuffix(rest) {
				os.RemoveAll(filepath.Join(dir, e.Name()))
			}
		}
	}
}

// isTempSuffix matches what os.CreateTemp and MkdirTemp put for "*" (digits),
// optionally followed by ".old-PID".
func isTempSuffix(s string) bool {
	num, old, hasOld := strings.Cut(s, ".old-")
	return allDigits(num) && (!hasOld || allDigits(old))
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// diskFull turns "no space left on device" into a message that says what it
// means for the export.
func diskFull(err error, out string) error {
	if isDiskFull(err) {
		return annotate.Errorf(annotate.EINVALID, "the disk is full; nothing was written to %s", out)
	}
	return err
}

func isDiskFull(err error) bool {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return false
	}
	// ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL on Windows.
	return errno == syscall.ENOSPC || runtime.GOOS == "windows" && (errno == 39 || errno == 112)
}
