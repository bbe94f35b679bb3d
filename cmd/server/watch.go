package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/ckptlab/ckptlab/lessons"
)

// switchFlag is a setting without an argument (--dev): given alone it is
// "true"; --dev=false turns it off again.
type switchFlag struct{ v *string }

func (f switchFlag) String() string {
	if f.v == nil {
		return ""
	}
	return *f.v
}

func (f switchFlag) Set(v string) error { *f.v = v; return nil }

func (f switchFlag) IsBoolFlag() bool { return true }

// reloadQuiet is how long the content folders must stay quiet before the
// course reloads: an editor's save (write a temporary file, rename it over
// the old one, touch a backup) is a burst of events that should cost one
// reload, and the page must still change well within a second.
const reloadQuiet = 150 * time.Millisecond

// reloadLatest bounds how long a burst may postpone the reload, for a tool
// that keeps writing (a build that regenerates figures, say).
const reloadLatest = 600 * time.Millisecond

// A watcher reloads the course served by a Main when files change under its
// content directory's lessons/ and quiz/ folders (and lessons/img/, whose
// figures lessons measure). It watches the content directory itself too, so
// a folder that is deleted and created again, or renamed into place, is
// watched again.
type watcher struct {
	m      *Main
	fsw    *fsnotify.Watcher
	dirs   []string // watched when they exist, re-added after each burst
	cancel context.CancelFunc
	done   chan struct{}
}

// startWatch starts the watcher with --dev and --content; otherwise there
// is nothing that can change.
func (m *Main) startWatch() error {
	if !m.Config.Dev {
		return nil
	}
	if m.Config.ContentDir == "" {
		m.Logger.Warn("development mode without --content: the built-in course cannot change, so nothing is watched")
		return nil
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	root := m.Config.ContentDir
	w := &watcher{
		m:    m,
		fsw:  fsw,
		dirs: []string{root, filepath.Join(root, "lessons"), filepath.Join(root, "lessons", "img"), filepath.Join(root, "quiz")},
		done: make(chan struct{}),
	}
	if err := fsw.Add(root); err != nil {
		_ = fsw.Close()
		return err
	}
	w.rewatch()
	ctx, cancel := context.WithCancel(context.Background())
	w.cancel = cancel
	m.watch = w
	go w.run(ctx)
	m.Logger.Info("watching for changes", "dir", root)
	return nil
}

// devContent gives a watched content directory its quiz/ folder even
// before the author creates it, so quizzes written later load without a
// restart: a missing folder reads as a course without quizzes.
func (m *Main) devContent(c Content) Content {
	if m.Config.Dev && m.Config.ContentDir != "" && c.Quiz == nil {
		c.QuizDir = filepath.Join(m.Config.ContentDir, "quiz")
		c.Quiz = os.DirFS(c.QuizDir)
	}
	return c
}

// stopWatch stops the watcher, waiting for a reload in progress.
func (m *Main) stopWatch() {
	if m.watch == nil {
		return
	}
	m.watch.cancel()
	<-m.watch.done
	_ = m.watch.fsw.Close()
	m.watch = nil
}

// rewatch adds every folder that exists. Adding a watched folder again is
// harmless; a deleted one has already lost its watch.
func (w *watcher) rewatch() {
	for _, d := range w.dirs {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			if err := w.fsw.Add(d); err != nil {
				w.m.Logger.Warn("cannot watch", "dir", d, "err", err)
			}
		}
	}
}

// run reloads the course after each burst of relevant events, one reload at
// a time, until ctx ends.
func (w *watcher) run(ctx context.Context) {
	defer close(w.done)
	d := debouncer{wait: reloadQuiet, latest: reloadLatest, after: time.After, now: time.Now}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if relevant(ev) {
				d.add(ev.Name)
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			w.m.Logger.Warn("watching the content directory", "err", err)
		case <-d.fired():
			changed := d.take()
			w.rewatch()
			w.m.reload(changed)
		}
	}
}

// reload loads the lessons again and swaps them, with the quizzes, into the
// running server. A folder that cannot be read (it is being replaced) keeps
// the current course serving; the next event tries again.
func (m *Main) reload(changed []string) {
	start := time.Now()
	course, err := lessons.Load(m.Content.Lessons, m.Content.LessonsDir)
	if err != nil {
		m.Logger.Error("reload: the current course keeps serving", "err", err)
		return
	}
	for _, e := range course.Errors {
		m.Logger.Warn("lesson not loaded", "err", e.Error())
	}
	if err := m.Web.Reload(course); err != nil {
		m.Logger.Error("reload: the current course keeps serving", "err", err)
		return
	}
	m.Logger.Info("course reloaded", "changed", changed, "lessons", len(course.Lessons),
		"problems", len(m.Web.Problems()), "duration", time.Since(start))
}

// relevant reports whether an event can change the course: not a bare
// permission change, and not one of the files editors write beside the ones
// they edit.
func relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false
	}
	return !editorTemp(filepath.Base(ev.Name))
}

// editorTemp reports whether name is a file an editor writes while saving
// or as a backup: vim's swap files (.x.md.swp, .swo, .swx) and its
// write-test file 4913, backups ending in ~, emacs's lock (.#x.md) and
// autosave (#x.md#) files, and other hidden files, which the course never
// loads from.
func editorTemp(name string) bool {
	switch {
	case name == "4913",
		strings.HasPrefix(name, "."),
		strings.HasSuffix(name, "~"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swo"), strings.HasSuffix(name, ".swx"):
		return true
	}
	return false
}

// A debouncer turns a burst of events into one: fired delivers once no event
// has come for wait since the last add, or once the burst has lasted
// latest. after and now are time.After and time.Now; tests pass their own.
type debouncer struct {
	wait, latest time.Duration
	after        func(time.Duration) <-chan time.Time
	now          func() time.Time
	names        []string
	timer        <-chan time.Time
	start        time.Time // of the burst
}

// add records a change and restarts the quiet period, unless the burst has
// already lasted latest: then its timer stands.
func (d *debouncer) add(name string) {
	if !slices.Contains(d.names, name) {
		d.names = append(d.names, name)
	}
	switch {
	case d.timer == nil:
		d.start = d.now()
		d.timer = d.after(d.wait)
	case d.now().Sub(d.start) < d.latest:
		d.timer = d.after(d.wait)
	}
}

// fired is the channel of the current quiet period; nil, which blocks in a
// select forever, when nothing is pending.
func (d *debouncer) fired() <-chan time.Time { return d.timer }

// take returns the names changed in the burst and resets for the next.
func (d *debouncer) take() []string {
	names := d.names
	d.names, d.timer = nil, nil
	return names
}
