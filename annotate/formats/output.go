package formats

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"byline/annotate"
)

// output places an export on disk. Everything is written under temporary
// names beside the destination and renamed into place by commit, so a failed
// or canceled export never leaves a half-written file under the final name.
//
// A single-file export (no split, not brat) writes opt.Out and its manifest
// as <out>.manifest.json. Otherwise opt.Out is a folder holding one file per
// split part (train.jsonl, dev.jsonl, test.jsonl; brat: train/, dev/, test/)
// and manifest.json. An existing folder is replaced only when it is empty or
// holds a previous export (a manifest.json); anything else is refused.
type output struct {
	final   string
	folder  bool
	tmp     string // temporary file or folder
	parts   []*part
	done    bool
	tmpMeta string
	// leftover is an earlier export folder set aside that could not be
	// removed after the new one was moved into place.
	leftover    string
	leftoverErr error
}

func openOutput(spec *formatSpec, opt Options, split *splitSpec) (*output, error) {
	o := &output{final: filepath.Clean(opt.Out), folder: spec.folder || split != nil}
	dir, base := filepath.Split(o.final)
	if dir == "" {
		dir = "."
	}
	if err := checkTarget(o.final, o.folder, opt.Protect, opt.Force); err != nil {
		return nil, err
	}
	removeLeftovers(dir, base)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, annotate.Errorf(annotate.EINVALID, "cannot create folder %s: %v", dir, err)
	}
	if !o.folder {
		f, err := os.CreateTemp(dir, tmpPrefix(base)+"*")
		if err != nil {
			return nil, annotate.Errorf(annotate.EINVALID, "cannot write in %s: %v", dir, err)
		}
		o.tmp = f.Name()
		o.parts = []*part{{rel: base, path: f.Name(), w: newAsyncWriter(f)}}
		return o, nil
	}
	tmp, err := os.MkdirTemp(dir, tmpPrefix(base)+"*")
	if err != nil {
		return nil, annotate.Errorf(annotate.EINVALID, "cannot write in %s: %v", dir, err)
	}
	o.tmp = tmp
	names := []string{""}
	if split != nil {
		names = split.names
	}
	for _, name := range names {
		p := &part{name: name}
		switch {
		case spec.folder && name == "":
			p.rel, p.path = ".", tmp
		case spec.folder:
			p.rel, p.path = name, filepath.Join(tmp, name)
			if err := os.Mkdir(p.path, 0o755); err != nil {
				o.abort()
				return nil, err
			}
		default:
			p.rel = name + spec.ext
			p.path = filepath.Join(tmp, p.rel)
			f, err := os.Create(p.path)
			if err != nil {
				o.abort()
				return nil, err
			}
			p.w = newAsyncWriter(f)
		}
		o.parts = append(o.parts, p)
	}
	return o, nil
}

// root is the folder the writers put extra files in ("" for a single file).
func (o *output) root() string {
	if o.folder {
		return o.tmp
	}
	return ""
}

// commit flushes and closes every part, writes the manifest and moves the
// export into place. There is no fsync: an export can be run again, and the
// rename is what keeps a failed or canceled run from leaving a half file;
// forcing a gigabyte of Prodigy tokens to disk would double the export time.
func (o *output) commit(m *Manifest) error {
	for _, p := range o.parts {
		if p.w == nil {
			continue
		}
		if err := p.w.Close(); err != nil {
			return err
		}
	}
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	mb = append(mb, '\n')
	if o.folder {
		m.Path = filepath.Join(o.final, "manifest.json")
		if err := os.WriteFile(filepath.Join(o.tmp, "manifest.json"), mb, 0o644); err != nil {
			return err
		}
		return o.swapFolder()
	}
	mpath := o.final + manifestSuffix
	m.Path = mpath
	mf, err := os.CreateTemp(filepath.Dir(o.final), tmpPrefix(filepath.Base(mpath))+"*")
	if err != nil {
		return err
	}
	o.tmpMeta = mf.Name()
	if _, err := mf.Write(mb); err != nil {
		mf.Close()
		return err
	}
	if err := mf.Close(); err != nil {
		return err
	}
	// CreateTemp makes 0600 files; an export and its manifest are as
	// readable as any file the analyst saves.
	for _, p := range []string{o.tmp, o.tmpMeta} {
		if err := os.Chmod(p, 0o644); err != nil {
			return err
		}
	}
	if err := os.Rename(o.tmp, o.final); err != nil {
		return err
	}
	if err := os.Rename(o.tmpMeta, mpath); err != nil {
		return err
	}
	o.done = true
	return nil
}

// swapFolder renames the finished temporary folder to the destination,
// setting a previous export aside first and removing it after.
func (o *output) swapFolder() error {
	var old string
	if _, err := os.Stat(o.final); err == nil {
		old = fmt.Sprintf("%s.old-%d", o.tmp, os.Getpid())
		if err := os.Rename(o.final, old); err != nil {
			return err
		}
	}
	if err := os.Rename(o.tmp, o.final); err != nil {
		if old != "" {
			os.Rename(old, o.final)
		}
		return err
	}
	o.done = true
	if old != "" {
		// The export is in place: failing to delete the earlier one is a
		// warning, not a failed export.
		if err := removeAll(old); err != nil {
			o.leftover, o.leftoverErr = old, err
		}
	}
	return nil
}

// removeAll is os.RemoveAll; tests make it fail.
var removeAll = os.RemoveAll

// abort removes whatever a failed export left behind.
func (o *output) abort() {
	if o.done {
		return
	}
	for _, p := range o.parts {
		if p.w != nil {
			p.w.Close()
		}
	}
	if o.tmp != "" {
		os.RemoveAll(o.tmp)
	}
	if o.tmpMeta != "" {
		os.Remove(o.tmpMeta)
	}
}
