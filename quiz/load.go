package quiz

import (
	"context"
	"fmt"
	"io/fs"
	"slices"
)

// A Set is every quiz of a course, in file name order.
type Set struct {
	Quizzes []*Quiz
}

// Load parses every *.md file at the root of fsys and computes the keys of
// their code questions with r. The error lists every authoring mistake of
// every file (a Mistakes), or says why the files could not be read. With
// mistakes, the set still holds the quizzes that loaded, so a server can
// keep serving them while the author fixes the others.
func Load(ctx context.Context, fsys fs.FS, r Runner) (*Set, error) {
	names, err := fs.Glob(fsys, "*.md")
	if err != nil {
		return nil, fmt.Errorf("load quizzes: %w", err)
	}
	slices.Sort(names)
	set := &Set{}
	var ms Mistakes
	ids := map[string]string{}
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("load quiz %s: %w", name, err)
		}
		q, err := Parse(name, src)
		if err != nil {
			if more, ok := err.(Mistakes); ok {
				ms = append(ms, more...)
				continue
			}
			return nil, err
		}
		if other, dup := ids[q.ID]; dup {
			ms = append(ms, Mistake{File: name, Line: 1, Msg: fmt.Sprintf("quiz id %q is also the id of %s; rename one of the files", q.ID, other)})
			continue
		}
		ids[q.ID] = name
		if err := q.ComputeKeys(ctx, r); err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("load quiz %s: %w", name, ctx.Err())
			}
			more, ok := err.(Mistakes)
			if !ok {
				return nil, err
			}
			ms = append(ms, more...)
			continue
		}
		set.Quizzes = append(set.Quizzes, q)
	}
	return set, ms.err()
}

// Quiz finds a quiz by its id, or returns nil.
func (s *Set) Quiz(id string) *Quiz {
	for _, q := range s.Quizzes {
		if q.ID == id {
			return q
		}
	}
	return nil
}

// ForLesson returns the quizzes that close the lesson with this slug.
func (s *Set) ForLesson(slug string) []*Quiz {
	var qs []*Quiz
	for _, q := range s.Quizzes {
		if q.Lesson == slug {
			qs = append(qs, q)
		}
	}
	return qs
}

// CheckLessons reports quizzes naming a lesson that does not exist, so a
// renamed lesson does not silently lose its quiz.
func (s *Set) CheckLessons(exists func(slug string) bool) error {
	var ms Mistakes
	for _, q := range s.Quizzes {
		if !exists(q.Lesson) {
			ms = append(ms, Mistake{File: q.File, Line: q.lessonLine, Msg: fmt.Sprintf("lesson %q does not exist", q.Lesson)})
		}
	}
	return ms.err()
}
