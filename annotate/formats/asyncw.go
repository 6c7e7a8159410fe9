package formats

import (
	"os"
	"sync"
)

// asyncWriter writes a file from its own goroutine, so encoding the next
// documents overlaps with the kernel copying the last ones: on a two-core
// machine that is most of the difference for the large token exports.
// Memory is bounded by asyncBuffers buffers of asyncBufSize bytes.
type asyncWriter struct {
	f    *os.File
	free chan []byte
	full chan []byte
	done chan struct{}
	cur  []byte

	mu  sync.Mutex
	err error
}

const (
	asyncBufSize = 1 << 20
	asyncBuffers = 3
)

func newAsyncWriter(f *os.File) *asyncWriter {
	w := &asyncWriter{f: f, free: make(chan []byte, asyncBuffers), full: make(chan []byte, asyncBuffers), done: make(chan struct{})}
	for i := 0; i < asyncBuffers; i++ {
		w.free <- make([]byte, 0, asyncBufSize)
	}
	go func() {
		defer close(w.done)
		for b := range w.full {
			if w.failed() == nil {
				if _, err := f.Write(b); err != nil {
					w.mu.Lock()
					w.err = err
					w.mu.Unlock()
				}
			}
			w.free <- b[:0]
		}
	}()
	return w
}

func (w *asyncWriter) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// Write queues p; an error of an earlier write is returned.
func (w *asyncWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if w.cur == nil {
			w.cur = <-w.free
		}
		k := copy(w.cur[len(w.cur):cap(w.cur)], p)
		w.cur = w.cur[:len(w.cur)+k]
		p = p[k:]
		if len(w.cur) == cap(w.cur) {
			w.full <- w.cur
			w.cur = nil
		}
	}
	return n, w.failed()
}

// WriteString queues s.
func (w *asyncWriter) WriteString(s string) (int, error) { return w.Write([]byte(s)) }

// Close writes what is queued, stops the goroutine and closes the file.
func (w *asyncWriter) Close() error {
	if w.full == nil {
		return nil
	}
	if len(w.cur) > 0 {
		w.full <- w.cur
		w.cur = nil
	}
	close(w.full)
	<-w.done
	w.full = nil
	err := w.failed()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	return err
}
