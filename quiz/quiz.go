// Package quiz holds the course's questions: the Markdown files they are
// written in (embedded, or read from a content directory), the parser that
// turns them into a model and reports every authoring mistake with its file
// and line, and the grader that checks a learner's answer.
//
// The answer key of a question about code is never typed by the author: it is
// what the simulator prints (or raises) for the question's snippet, computed
// once when the quizzes load. The package does not import the simulator; the
// caller passes a Runner.
package quiz

import (
	"context"
	"embed"
)

// Embedded is the course's own quiz files, read when no content directory
// replaces them.
//
//go:embed *.md
var Embedded embed.FS

// Type says what a question asks of the learner, and so how it is graded.
type Type string

const (
	// Choice: pick the one correct option.
	Choice Type = "choice"
	// Multiple: pick every correct option and no other.
	Multiple Type = "multiple"
	// Output: predict what the snippet prints, by typing it or picking it.
	Output Type = "output"
	// Error: predict whether the snippet runs, and if not, its exception.
	Error Type = "error"
	// Line: pick the snippet's line that raises.
	Line Type = "line"
	// Short: type a short answer; any accepted alternative is correct.
	Short Type = "short"
)

// types lists the valid types in the order AUTHORING.md documents them.
var types = []Type{Choice, Multiple, Output, Error, Line, Short}

// runsCode reports whether the question's key comes from running its snippet.
func (t Type) runsCode() bool { return t == Output || t == Error || t == Line }

// A Quiz is one file: the questions that close one lesson.
type Quiz struct {
	// ID names the quiz in URLs: the file name without ".md" and without a
	// leading order prefix such as "01-".
	ID string
	// File is the name the quiz was read from, for messages.
	File string
	// Lesson is the slug of the lesson the quiz belongs to.
	Lesson string
	// Title is shown above the questions.
	Title string
	// Intro is optional Markdown shown before the first question.
	Intro string
	// Version is a short hash of the file's bytes. Progress saved in a
	// browser carries it, so answers to an edited quiz are not shown as if
	// they belonged to the new one.
	Version   string
	Questions []*Question

	lessonLine int
}

// Question finds a question by its id, or returns nil.
func (q *Quiz) Question(id string) *Question {
	for _, qu := range q.Questions {
		if qu.ID == id {
			return qu
		}
	}
	return nil
}

// A Question is one thing the learner answers.
type Question struct {
	// ID is stable across edits so saved progress and URLs keep pointing at
	// the same question.
	ID    string
	Title string
	Type  Type
	// Line is where the question's heading is in its file.
	Line int
	// Prompt is Markdown; for code questions it contains the snippet.
	Prompt string
	// Snippet is the code the question is about (the prompt's python block),
	// empty for questions without code.
	Snippet string
	// Setup is code run before the snippet, whose files the snippet sees
	// (for example a checkpoint saved earlier). Empty when not needed.
	Setup string
	// Options are in the author's order; Order shuffles them per learner.
	Options []Option
	// Accepted are the alternatives of a short answer.
	Accepted    []string
	Hint        string
	Explanation string

	// key is what grading compares with; see keys.go.
	key    key
	quizID string
}

// An Option is one choice offered to the learner.
type Option struct {
	// ID is the option's letter in the author's order: "a", "b", ...
	ID string
	// Text is Markdown, or for an output option the output itself.
	Text string
	// Code reports that Text is program output to show preformatted.
	Code bool
	// Variant is the snippet variant whose output became Text, if the
	// author wrote the option as code rather than as output.
	Variant string
	// Correct is set by the author for choice questions and computed from
	// the simulator for output questions.
	Correct bool
	// Pinned keeps the option at its written position when shuffling, for
	// options such as "both of the above".
	Pinned bool
	line   int
}

// A Program is what the quiz asks a Runner to run.
type Program struct {
	Code string
	// Files are the workspace's files before the run, by name.
	Files map[string][]byte
}

// An Outcome is what a run printed, the files it left, and the exception
// that ended it, if any.
type Outcome struct {
	Output string
	Files  map[string][]byte
	Error  *RunError
}

// RunError is the exception that ended a run, as the learner sees it on the
// traceback's last line.
type RunError struct {
	// Type is the exception's name as printed, e.g. "KeyError".
	Type string
	// Message is the text after "Type: " (empty when there is none).
	Message string
	// Line is the line of the snippet that raised.
	Line int
}

// A Runner runs a program in the simulator. Run's error is for runs that
// could not complete (a limit hit, the simulator broken), not for exceptions
// the program raised: those are in the Outcome.
type Runner interface {
	Run(ctx context.Context, p Program) (Outcome, error)
}
