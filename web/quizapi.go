package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/ckptlab/ckptlab/quiz"
)

// quizMaxAnswerBytes bounds an answer's body: a typed output is a few lines.
const quizMaxAnswerBytes = 64 << 10

// quizAnswerRequest is the body of POST /api/quiz/{quiz}/{question}.
// Answer is a string (a typed answer, or the id of the one option picked)
// or an array of option ids (a multiple question). An error question takes
// the traceback's last line, e.g. "KeyError: 'optimizer'", or "no error".
type quizAnswerRequest struct {
	Answer json.RawMessage `json:"answer"`
}

// quizAnswerResponse is a graded answer.
type quizAnswerResponse struct {
	Correct bool `json:"correct"`
	// Expected is the correct answer as the learner would give it: the
	// output, the traceback's last line, the text of the correct options.
	Expected string `json:"expected"`
	// ExpectedOptions are the ids of the correct options, if the question
	// has options.
	ExpectedOptions []string `json:"expectedOptions,omitempty"`
	// Note says what was partly right, when something was.
	Note string `json:"note,omitempty"`
	// Explanation is the question's explanation in Markdown;
	// ExplanationHTML is it rendered.
	Explanation     string `json:"explanation"`
	ExplanationHTML string `json:"explanationHTML"`
}

// gradeQuiz grades an answer posted as JSON. A body that is not
// {"answer": string or [string]}, or an answer that does not fit the
// question (an unknown option, two options for a single choice, an empty
// text), is a 400 whose message says which; an unknown quiz or question is
// a 404.
func (s *Server) gradeQuiz(w http.ResponseWriter, r *http.Request) error {
	qv, err := s.quizQuestionFor(r)
	if err != nil {
		return err
	}
	values, err := decodeQuizAnswer(w, r)
	if err != nil {
		return err
	}
	v, err := qv.q.Grade(values)
	if quizBadAnswer(err) {
		return &Error{Code: EINVALID, Message: quizAnswerMessage(err), Err: err}
	} else if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, quizAnswerResponse{
		Correct:         v.Correct,
		Expected:        v.Expected,
		ExpectedOptions: v.ExpectedOptions,
		Note:            v.Note,
		Explanation:     qv.q.Explanation,
		ExplanationHTML: qv.explanation,
	})
}

func decodeQuizAnswer(w http.ResponseWriter, r *http.Request) ([]string, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, quizMaxAnswerBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, Errorf(ETOOLARGE, "The answer is longer than %d bytes.", quizMaxAnswerBytes)
		}
		return nil, &Error{Code: EINVALID, Message: "The body could not be read.", Err: err}
	}
	var req quizAnswerRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, &Error{Code: EINVALID, Message: `The body must be a JSON object such as {"answer": "a"}.`, Err: err}
	}
	if len(req.Answer) == 0 || string(req.Answer) == "null" {
		return nil, Errorf(EINVALID, `The body has no "answer".`)
	}
	var one string
	if err := json.Unmarshal(req.Answer, &one); err == nil {
		return []string{one}, nil
	}
	var many []string
	if err := json.Unmarshal(req.Answer, &many); err == nil && many != nil {
		return many, nil
	}
	return nil, Errorf(EINVALID, `"answer" must be a string or an array of strings.`)
}

func quizBadAnswer(err error) bool { return errors.Is(err, quiz.ErrBadAnswer) }

// quizAnswerMessage is the grader's reason, as a sentence for the client.
func quizAnswerMessage(err error) string {
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, quiz.ErrBadAnswer.Error()+": "); ok {
		msg = rest
	}
	if msg == "" {
		return "The answer does not fit the question."
	}
	return "The answer does not fit the question: " + msg + "."
}
