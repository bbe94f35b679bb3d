package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path"
	"strings"
	"time"

	"github.com/ckptlab/ckptlab/lessons"
	"github.com/ckptlab/ckptlab/quiz"
	"github.com/ckptlab/ckptlab/quiz/quizsim"
	"github.com/ckptlab/ckptlab/sim"
)

func init() {
	commands["check"] = command{
		summary: "check a course directory (or the built-in course): files, links, snippets, quiz keys",
		run:     runCheck,
	}
}

// A problem is one thing wrong in a course file, printed as "file:line: message".
type problem struct {
	file string
	line int
	msg  string
}

func (p problem) String() string { return fmt.Sprintf("%s:%d: %s", p.file, p.line, p.msg) }

// checkReport is what check found: the problems, and how much it looked at.
type checkReport struct {
	problems                 []problem
	lessons, blocks, quizzes int
}

func runCheck(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("check", flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	if err := fset.Parse(args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, checkUsage)
		return 0
	} else if err != nil || fset.NArg() > 1 {
		fmt.Fprint(stderr, checkUsage)
		return 2
	}
	content, err := openContent(fset.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "check: %v\n", err)
		return 2
	}
	start := time.Now()
	rep, err := checkCourse(ctx, content)
	if err != nil {
		fmt.Fprintf(stderr, "check: %v\n", err)
		return 1
	}
	for _, p := range rep.problems {
		fmt.Fprintln(stdout, p)
	}
	summary := fmt.Sprintf("%d lessons, %d snippets, %d quizzes checked in %s",
		rep.lessons, rep.blocks, rep.quizzes, time.Since(start).Round(time.Millisecond))
	if len(rep.problems) > 0 {
		fmt.Fprintf(stdout, "%s: %d problems\n", summary, len(rep.problems))
		return 1
	}
	fmt.Fprintf(stdout, "%s: ok\n", summary)
	return 0
}

const checkUsage = `usage: server check [DIR]

Checks a course the way a class would meet it: every lesson's front matter
and figures, the links between lessons, every runnable snippet run in order in
the simulator (a "python run fails" snippet must raise, any other must not),
and every quiz question with its key computed in the simulator. DIR holds
lessons/ and quiz/; without it, the built-in course is checked. Each problem
is printed as file:line: message; the exit status is 1 if there is any.
`

// checkCourse runs every check on content. Its error is for a course that
// cannot be read at all; everything else is a problem in the report.
func checkCourse(ctx context.Context, content Content) (*checkReport, error) {
	course, err := lessons.Load(content.Lessons, content.LessonsDir)
	if err != nil {
		return nil, err
	}
	rep := &checkReport{lessons: len(course.Lessons)}
	for _, e := range course.Errors {
		rep.problems = append(rep.problems, problem{e.Path, e.Line, e.Msg})
	}
	for _, l := range course.Lessons {
		rep.problems = append(rep.problems, checkLinks(course, l)...)
		ps, err := checkBlocks(ctx, l)
		if err != nil {
			return nil, err
		}
		rep.blocks += len(l.Blocks)
		rep.problems = append(rep.problems, ps...)
	}
	if content.Quiz != nil {
		set, err := quiz.Load(ctx, content.Quiz, quizsim.Runner{})
		var ms quiz.Mistakes
		if errors.As(err, &ms) {
			for _, m := range ms {
				rep.problems = append(rep.problems, problem{path.Join(content.QuizDir, m.File), m.Line, m.Msg})
			}
		} else if err != nil {
			return nil, err
		}
		if set != nil {
			rep.quizzes = len(set.Quizzes)
			err := set.CheckLessons(func(slug string) bool { _, ok := course.Lesson(slug); return ok })
			if errors.As(err, &ms) {
				for _, m := range ms {
					rep.problems = append(rep.problems, problem{path.Join(content.QuizDir, m.File), m.Line, m.Msg})
				}
			}
		}
	}
	return rep, nil
}

// checkBlocks runs a lesson's snippets in order in one session, as a
// learner runs them top to bottom, and reports each snippet whose outcome
// differs from what the lesson says it does. Each snippet gets the
// simulator's default time limit, as it would in the browser.
func checkBlocks(ctx context.Context, l *lessons.Lesson) ([]problem, error) {
	var ps []problem
	s := sim.NewSession(nil, sim.Limits{})
	for _, b := range l.Blocks {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		bctx, cancel := context.WithTimeout(ctx, sim.DefaultTimeout)
		res := s.Exec(bctx, b.Source)
		cancel()
		e := res.Error
		switch {
		case e != nil && e.Limit != "":
			ps = append(ps, problem{l.Path, b.Line, fmt.Sprintf("snippet %d hit the simulator's %s limit: %s", b.Index+1, e.Limit, e.Message)})
		case e != nil && !b.Fails:
			line := b.Line + max(e.Line, 1)
			ps = append(ps, problem{l.Path, line, fmt.Sprintf("snippet %d raised %s; fix it, or mark it \"python run fails\" if the lesson means it to fail",
				b.Index+1, exceptionLine(e))})
		case e == nil && b.Fails:
			ps = append(ps, problem{l.Path, b.Line, fmt.Sprintf("snippet %d is marked \"fails\" but ran without an exception", b.Index+1)})
		}
	}
	return ps, nil
}

// exceptionLine is the traceback's last line, as the learner would read it.
func exceptionLine(e *sim.Error) string {
	if e.Message == "" {
		return e.Type
	}
	return e.Type + ": " + strings.SplitN(e.Message, "\n", 2)[0]
}

// checkLinks reports links to other lessons whose slug does not exist. Lesson
// links are relative to /lessons/{slug}: "other-slug", "/lessons/other-slug",
// either with an optional "#anchor", which must name a heading there.
func checkLinks(course *lessons.Course, l *lessons.Lesson) []problem {
	var ps []problem
	for _, link := range l.Links {
		dest := link.Dest
		if dest == "" || strings.Contains(dest, ":") || strings.HasPrefix(dest, "img/") || strings.HasPrefix(dest, "/static/") {
			continue // external, a figure, or an asset
		}
		target, anchor, _ := strings.Cut(dest, "#")
		target = strings.TrimPrefix(target, "/lessons/")
		to := l
		if target != "" {
			if strings.Contains(target, "/") {
				ps = append(ps, problem{l.Path, link.Line, fmt.Sprintf("link %q points outside the course's lessons", dest)})
				continue
			}
			other, ok := course.Lesson(target)
			if !ok {
				ps = append(ps, problem{l.Path, link.Line, fmt.Sprintf("link %q names no lesson: there is no lesson with slug %q", dest, target)})
				continue
			}
			to = other
		}
		if anchor != "" && !hasHeading(to, anchor) {
			ps = append(ps, problem{l.Path, link.Line, fmt.Sprintf("link %q names no heading of %s", dest, to.Path)})
		}
	}
	return ps
}

func hasHeading(l *lessons.Lesson, id string) bool {
	for _, h := range l.TOC {
		if h.ID == id {
			return true
		}
	}
	return false
}
