package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"byline/annotate"
	"byline/annotate/formats"
	"byline/annotate/ingest"
	"byline/assets"
	"byline/storage"
)

// version is Byline's version, shown by "byline version" and in manifests.
const version = "0.1.0"

const usage = `Byline: annotate entities, quotes and relations in news articles.

Usage:
  byline [--db FILE]                  open the window (default: the last database,
                                      or byline.db in your data folder)
  byline import [flags] PATH...       import .txt, .md, .html, .jsonl files or folders
  byline export [flags] --format F --out PATH
                                      write training data (formats: %s)
  byline stats [--db FILE]            documents by status, annotations by label and annotator
  byline actors [--db FILE] [--json]  the actors with their mention and quote counts
  byline quotes [flags]               who said what, as CSV or JSON Lines
                                      (--actor NAME|ID --since DATE --until DATE --format csv|jsonl)
  byline suggest [flags]              propose quotes, cues, speakers and known names
  byline compare --gold GOLD.jsonl    score the annotations against a gold file
  byline version                      print the version

Every command takes --db FILE (or the BYLINE_DB environment variable).
Run "byline COMMAND --help" for the flags of a command.
`

// run dispatches a command line and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return runGUIFlags(args, stderr)
	}
	cmd, rest := args[0], args[1:]
	var err error
	switch cmd {
	case "import":
		err = cmdImport(rest, stdout, stderr)
	case "export":
		err = cmdExport(rest, stdout, stderr)
	case "stats":
		err = cmdStats(rest, stdout, stderr)
	case "actors":
		err = cmdActors(rest, stdout, stderr)
	case "quotes":
		err = cmdQuotes(rest, stdout, stderr)
	case "suggest":
		err = cmdSuggest(rest, stdout, stderr)
	case "compare":
		err = cmdCompare(rest, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "byline", version)
	case "help":
		fmt.Fprintf(stdout, usage, strings.Join(formats.Names(), ", "))
	default:
		fmt.Fprintf(stderr, "byline: unknown command %q\n\n", cmd)
		fmt.Fprintf(stderr, usage, strings.Join(formats.Names(), ", "))
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errPartial):
		return 1
	}
	fmt.Fprintln(stderr, errorLine(cmd, err))
	return 1
}

var (
	errUsage   = errors.New("usage")
	errPartial = errors.New("some inputs failed")
)

// newFlags makes a command's flag set with the shared --db flag.
func newFlags(name, synopsis string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", os.Getenv("BYLINE_DB"), "database `file` (env BYLINE_DB; default: byline.db in the data folder)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: byline %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs, db
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}

// dataDir is where Byline keeps its default database: the platform's
// per-user application data folder.
func dataDir() (string, error) {
	switch runtime.GOOS {
	case "windows", "darwin":
		dir, err := os.UserConfigDir() // %AppData%, ~/Library/Application Support
		if err != nil {
			return "", err
		}
		return filepath.Join(dir, "Byline"), nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "byline"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share", "byline"), nil
}

func defaultDBPath() (string, error) {
	dir, err := dataDir()
	if err != nil {
		return "", fmt.Errorf("find the data folder: %w", err)
	}
	return filepath.Join(dir, "byline.db"), nil
}

func defaultSchema() *annotate.Schema {
	s, err := annotate.ParseSchema(assets.Schema())
	if err != nil {
		panic("embedded schema: " + err.Error())
	}
	return s
}

// readOnlyCommands names the commands that only read, and so open the
// database with openForReading; a file that cannot be written still serves
// them.
const readOnlyCommands = "`stats`, `export`, `actors`, `quotes` and `compare`"

// openStore opens (and with create, creates) a database for writing, as
// import and the window do: a damaged file is refused before anything is
// written to it, and one that can only be read is refused naming the
// commands that still work.
func openStore(path string, create bool) (annotate.Store, error) {
	store, err := openDB(path, storage.Options{Create: create, QuickCheck: true})
	var coded *annotate.Error
	if errors.Is(err, storage.ErrNotWritable) && errors.As(err, &coded) {
		return nil, annotate.Errorf(coded.Code, "%s, as %s do", coded.Message, readOnlyCommands)
	}
	return store, err
}

// openForReading opens an existing database read-only, as the commands
// that only read do (readOnlyCommands): it works in a read-only folder, and
// never creates or upgrades a file.
func openForReading(path string) (annotate.Store, error) {
	return openDB(path, storage.Options{ReadOnly: true})
}

func openDB(path string, opt storage.Options) (annotate.Store, error) {
	if path == "" {
		p, err := defaultDBPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	if opt.Create {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("create folder for %s: %w", path, err)
		}
	}
	opt.DefaultSchema = defaultSchema()
	return storage.Open(path, opt)
}

// readers lists the import readers in detection order: the peer tools'
// formats (most specific), then web pages and plain text, then native JSONL.
func readers() []annotate.Reader {
	var out []annotate.Reader
	out = append(out, formats.Readers()...)
	out = append(out, ingest.Readers()...)
	return append(out, ingest.JSONLReader{})
}

// seedSamples imports the embedded sample articles into a new database.
func seedSamples(ctx context.Context, store annotate.Store) error {
	var text annotate.Reader = ingest.TextReader{}
	for _, r := range readers() {
		if r.Name() == "text" {
			text = r
		}
	}
	schema, err := store.Schema(ctx)
	if err != nil {
		return err
	}
	var recs []*annotate.Record
	for _, s := range assets.Samples() {
		got, err := text.Read(s.Name, s.Data, annotate.ReadOptions{ExternalID: "sample/" + s.Name, Schema: schema})
		if err != nil {
			return fmt.Errorf("sample %s: %w", s.Name, err)
		}
		for _, r := range got {
			if _, err := annotate.PrepareRecord(r, schema); err != nil {
				return fmt.Errorf("sample %s: %w", s.Name, err)
			}
		}
		recs = append(recs, got...)
	}
	_, err = store.ImportRecords(ctx, recs, annotate.ImportOptions{})
	return err
}

// signalContext is canceled by Ctrl+C or SIGTERM, so long work stops
// between files and an export removes its temporary files.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// newBar returns a progress bar on stderr when it is a terminal, else nil.
func newBar(stderr io.Writer, total int, what string) *progressbar.ProgressBar {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return progressbar.NewOptions(total,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100_000_000),
	)
}
