package article

import (
	"context"
	"sync"

	"fyne.io/fyne/v2"

	"byline/annotate"
)

// writer runs the editor's store calls one at a time, in the order the
// analyst made them, on a goroutine of its own: the window never waits for
// a durable commit, nor for another process that holds the write lock.
type writer struct {
	jobs chan func()
	busy sync.WaitGroup
	once sync.Once
	// stored maps the provisional (negative) id an annotation has in the
	// view until its create commits to the id the store gave it. Only the
	// writer goroutine touches it, so a later job queued with the
	// provisional id finds the real one.
	stored map[int64]int64

	deliverOnFlush bool
	mu             sync.Mutex
	results        []func() // finished jobs' UI work, with deliverOnFlush
}

func newWriter() *writer {
	w := &writer{jobs: make(chan func(), 1024), stored: map[int64]int64{}}
	go func() {
		for job := range w.jobs {
			job()
			w.busy.Done()
		}
	}()
	return w
}

func (w *writer) queue(job func()) {
	w.busy.Add(1)
	w.jobs <- job
}

// wait returns when every queued job has run.
func (w *writer) wait() { w.busy.Wait() }

// stop ends the writer after the queued jobs.
func (w *writer) stop() { w.once.Do(func() { close(w.jobs) }) }

// id returns the stored id for id, which may be provisional; writer
// goroutine only.
func (w *writer) id(id int64) int64 {
	if real, ok := w.stored[id]; ok {
		return real
	}
	return id
}

// save queues a store call. run happens on the writer goroutine; done then
// runs on the UI goroutine with run's error. A failed call rolls the view
// back to what the store holds and says why.
func (e *Editor) save(run func(ctx context.Context) error, done func(err error)) {
	e.queue(run, func(err error) {
		if done != nil {
			done(err)
		}
		if err != nil {
			e.rollback(err)
		}
	})
}

// Queue runs a store call of the window's (a status change, a read that
// must see the edits before it) on the writer, in order with the edits;
// done runs on the UI goroutine with its error.
func (e *Editor) Queue(run func(ctx context.Context) error, done func(err error)) {
	e.queue(run, done)
}

// queue is save without the rollback, for reads that must count as pending.
func (e *Editor) queue(run func(ctx context.Context) error, done func(err error)) {
	if e.pending == 0 {
		e.saving(true)
	}
	e.pending++
	e.writes.queue(func() {
		err := run(e.ctx)
		e.post(func() {
			e.pending--
			done(err)
			if e.pending == 0 {
				e.saving(false)
			}
		})
	})
}

// post hands f to the UI goroutine: fyne.Do, or the list Flush runs.
func (e *Editor) post(f func()) {
	if !e.writes.deliverOnFlush {
		fyne.Do(f)
		return
	}
	e.writes.mu.Lock()
	e.writes.results = append(e.writes.results, f)
	e.writes.mu.Unlock()
}

// DeliverOnFlush makes the results of queued writes wait for Flush, which
// runs them on its caller's goroutine. For tests: Fyne's test driver runs
// fyne.Do at once on the calling goroutine, which here is the writer's.
func (e *Editor) DeliverOnFlush() { e.writes.deliverOnFlush = true }

func (e *Editor) saving(busy bool) {
	if e.OnSaving != nil {
		e.OnSaving(busy)
	}
}

// rollback reports a failed write and shows what the store holds, read
// after every write queued so far.
func (e *Editor) rollback(err error) {
	e.fail(err)
	why := "Not saved: " + annotate.ErrorMessage(err)
	e.status(why)
	e.queue(e.refreshStored(e.m.doc.ID, nil, func() { e.status(why) }))
}

// refreshStored returns a store call that runs first (if set) and then reads
// doc's annotations, and its UI-side completion that shows them when it
// succeeded and doc is still open, then runs shown (if set). Pass both to
// save, queue or read.
func (e *Editor) refreshStored(doc int64, first func(ctx context.Context) error, shown func()) (run func(ctx context.Context) error, done func(err error)) {
	var ann *annotate.Annotations
	run = func(ctx context.Context) error {
		if first != nil {
			if err := first(ctx); err != nil {
				return err
			}
		}
		var err error
		ann, err = e.store.FindAnnotations(ctx, doc)
		return err
	}
	done = func(err error) {
		if err != nil || e.m.doc.ID != doc {
			return
		}
		e.showStored(ann)
		if shown != nil {
			shown()
		}
	}
	return run, done
}

// showStored replaces the view's annotations with the store's.
func (e *Editor) showStored(ann *annotate.Annotations) {
	e.applyAnnotations(ann)
	e.changed()
}

// Flush waits until every queued write has committed (or failed); before
// closing the store, and in tests.
func (e *Editor) Flush() {
	for {
		e.writes.wait()
		e.writes.mu.Lock()
		results := e.writes.results
		e.writes.results = nil
		e.writes.mu.Unlock()
		if len(results) == 0 {
			return
		}
		for _, f := range results {
			f()
		}
	}
}

// Close finishes the queued writes and stops the writer.
func (e *Editor) Close() {
	e.writes.wait()
	e.writes.stop()
}

// Saving reports whether writes are queued or running.
func (e *Editor) Saving() bool { return e.pending > 0 }

// provisional returns a new id for an annotation whose create is queued.
func (e *Editor) provisional() int64 {
	e.lastProvisional--
	return e.lastProvisional
}
