// quiz.js keeps a learner's quiz progress in their browser: the answers
// graded by the server (read from the cards htmx swaps in), a review with
// the score under each quiz, the summary on the course home, and export and
// import of it all as a file. Everything works without it; it only adds
// memory. Progress for a quiz is kept with the quiz's version, a hash of
// its file: when the quiz is edited, the old answers are dropped.
(function () {
  "use strict";
  var nonce = (document.currentScript && document.currentScript.nonce) || "";

  // htmx adds a <style> for its request indicators when it starts, after
  // the deferred scripts ran: give it the page's nonce, which the CSP asks
  // of every inline style.
  var self = document.currentScript;
  if (window.htmx && self && self.nonce) {
    window.htmx.config.inlineStyleNonce = self.nonce;
  }

  var STORE = "ckptlab.progress";
  var FORMAT = 1;
  var COOKIE = "ckptlab_learner";

  function empty() {
    return { format: FORMAT, learner: "", quizzes: {}, lessons: {} };
  }

  // valid checks the shape of stored or imported progress.
  function valid(p) {
    if (!p || typeof p !== "object" || p.format !== FORMAT) return false;
    if (!p.quizzes || typeof p.quizzes !== "object" || Array.isArray(p.quizzes)) return false;
    if (typeof p.learner !== "string") return false;
    for (var id in p.quizzes) {
      var q = p.quizzes[id];
      if (!q || typeof q.version !== "string" || !q.answers || typeof q.answers !== "object") return false;
      for (var qid in q.answers) {
        var a = q.answers[qid];
        if (!a || (a.result !== "correct" && a.result !== "wrong") || !Array.isArray(a.answer)) return false;
      }
    }
    if (p.lessons && (typeof p.lessons !== "object" || Array.isArray(p.lessons))) return false;
    return true;
  }

  function load() {
    try {
      var p = JSON.parse(localStorage.getItem(STORE) || "null");
      if (valid(p)) {
        p.lessons = p.lessons || {};
        return p;
      }
    } catch (e) {
      // Unreadable progress (storage disabled, or edited by hand): start over.
    }
    return empty();
  }

  function save(p) {
    try {
      localStorage.setItem(STORE, JSON.stringify(p));
    } catch (e) {
      // Storage full or disabled: the page still works, it only forgets.
    }
  }

  function cookie() {
    var m = document.cookie.match(new RegExp("(?:^|; )" + COOKIE + "=([A-Za-z0-9_-]+)"));
    return m ? m[1] : "";
  }

  function setCookie(id) {
    document.cookie = COOKIE + "=" + id + "; path=/; max-age=157680000; samesite=lax";
  }

  // syncLearner keeps the learner id that shuffles the options in both the
  // cookie and the progress, so clearing cookies or importing progress on
  // another browser brings back the same option order.
  function syncLearner(p) {
    var c = cookie();
    if (p.learner && p.learner !== c && /^[A-Za-z0-9_-]{8,64}$/.test(p.learner)) {
      setCookie(p.learner);
    } else if (!p.learner && c) {
      p.learner = c;
    }
  }

  // quizEntry returns the stored progress of a quiz, dropping answers kept
  // for an older version of it.
  function quizEntry(p, id, version) {
    var q = p.quizzes[id];
    if (!q || q.version !== version) {
      q = { version: version, answers: {} };
      p.quizzes[id] = q;
    }
    return q;
  }

  // record stores the graded answer a card shows.
  function record(card) {
    var result = card.getAttribute("data-result");
    if (!result || card.hasAttribute("data-recorded")) return;
    card.setAttribute("data-recorded", "");
    var answer = [];
    try {
      answer = JSON.parse(card.getAttribute("data-answer") || "[]");
    } catch (e) {}
    var p = load();
    var q = quizEntry(p, card.getAttribute("data-quiz"), card.getAttribute("data-quiz-version"));
    q.answers[card.getAttribute("data-question")] = { result: result, answer: answer, at: new Date().toISOString() };
    save(p);
  }

  function score(q) {
    var right = 0, answered = 0;
    for (var id in q.answers) {
      answered++;
      if (q.answers[id].result === "correct") right++;
    }
    return { right: right, answered: answered };
  }

  function text(el, s) {
    el.textContent = s;
    return el;
  }

  // mark tells, on a card still showing its form, how it was answered before.
  function mark(card, a) {
    var old = card.querySelector(".quiz-earlier");
    if (old) old.remove();
    if (!a || card.getAttribute("data-result")) return;
    var p = document.createElement("p");
    p.className = "quiz-earlier quiz-earlier-" + a.result;
    text(p, a.result === "correct" ? "You answered this correctly before." : "You answered this before, not quite right: try again.");
    var form = card.querySelector("form");
    if (form) card.insertBefore(p, form);
  }

  // review writes the score under a quiz and lists each question's state.
  function review(section, p) {
    var box = section.querySelector("[data-quiz-review]");
    if (!box) return;
    var q = quizEntry(p, section.getAttribute("data-quiz"), section.getAttribute("data-quiz-version"));
    var cards = section.querySelectorAll(".quiz-question");
    var s = score(q);
    box.textContent = "";
    if (s.answered === 0) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    var h = document.createElement("h3");
    text(h, "Your answers: " + s.right + " of " + cards.length + " correct");
    box.appendChild(h);
    var ul = document.createElement("ul");
    cards.forEach(function (card) {
      var id = card.getAttribute("data-question");
      var a = q.answers[id];
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + card.id;
      text(link, (card.querySelector("h3") || card).textContent);
      li.appendChild(link);
      var state = document.createElement("span");
      state.className = "quiz-review-" + (a ? a.result : "open");
      text(state, a ? (a.result === "correct" ? " correct" : " not yet right") : " not answered");
      li.appendChild(state);
      ul.appendChild(li);
      mark(card, a);
    });
    box.appendChild(ul);
  }

  // summary fills the course home's progress list.
  function summary(root, p) {
    root.querySelectorAll("li[data-quiz]").forEach(function (li) {
      var out = li.querySelector("[data-quiz-score]");
      if (!out) return;
      var total = li.getAttribute("data-quiz-total");
      var stored = p.quizzes[li.getAttribute("data-quiz")];
      if (!stored || score(stored).answered === 0) {
        text(out, total + " questions, not started");
      } else if (stored.version !== li.getAttribute("data-quiz-version")) {
        text(out, "changed since you answered: " + total + " questions to answer again");
      } else {
        var s = score(stored);
        text(out, s.right + " of " + total + " correct" + (s.answered < total ? ", " + (total - s.answered) + " to answer" : ""));
      }
    });
    var files = root.querySelector("[data-quiz-files]");
    if (files) files.hidden = false;
  }

  function refresh() {
    var p = load();
    document.querySelectorAll("section.quiz-set[data-quiz]").forEach(function (s) {
      review(s, p);
    });
    document.querySelectorAll("[data-quiz-progress]").forEach(function (root) {
      summary(root, p);
    });
  }

  function exportProgress(root) {
    var p = load();
    syncLearner(p);
    var blob = new Blob([JSON.stringify(p, null, 2) + "\n"], { type: "application/json" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "ckptlab-progress.json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    message(root, "Progress exported to ckptlab-progress.json.");
  }

  function importProgress(root, file) {
    var reader = new FileReader();
    reader.onload = function () {
      var p;
      try {
        p = JSON.parse(reader.result);
      } catch (e) {
        message(root, "That file is not a progress file (it is not JSON).");
        return;
      }
      if (!valid(p)) {
        message(root, "That file is not a ckptlab progress file, or comes from another version.");
        return;
      }
      p.lessons = p.lessons || {};
      save(p);
      syncLearner(p);
      refresh();
      message(root, "Progress imported.");
    };
    reader.onerror = function () {
      message(root, "The file could not be read.");
    };
    reader.readAsText(file);
  }

  function message(root, s) {
    var out = root.querySelector("[data-quiz-message]");
    if (out) text(out, s);
  }

  // runCode runs a program through the runner's POST /api/run with the
  // given workspace files, and resolves to its answer.
  function runCode(code, files) {
    return fetch("/api/run", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code: code, history: [], files: files }),
      credentials: "same-origin",
    }).then(function (resp) {
      return resp.json().catch(function () { return null; }).then(function (data) {
        if (!resp.ok || !data || typeof data.output !== "string") {
          var msg = data && data.error && data.error.message ? data.error.message : "The server answered " + resp.status + ".";
          throw new Error(msg);
        }
        return data;
      });
    });
  }

  // runSnippet runs a question's setup (keeping the files it writes), then
  // its snippet, and shows what the snippet printed.
  function runSnippet(box) {
    var setup = box.querySelector(".quiz-run-setup");
    var source = box.querySelector(".quiz-run-source");
    var out = box.querySelector(".quiz-run-output");
    var button = box.querySelector(".quiz-run-button");
    // The textareas start with a newline that HTML drops from their value.
    var first = setup ? runCode(setup.value, {}) : Promise.resolve({ files: [] });
    button.disabled = true;
    text(out, "Running…");
    out.hidden = false;
    first.then(function (res) {
      var files = {};
      (res.files || []).forEach(function (f) {
        if (f.content) files[f.name] = f.content;
      });
      return runCode(source.value, files);
    }).then(function (res) {
      text(out, res.output || "(The snippet printed nothing.)");
    }).catch(function (e) {
      text(out, "The snippet could not run: " + e.message);
    }).finally(function () {
      button.disabled = false;
    });
  }

  // showRunButtons reveals the "Run the snippet" boxes, which need JS, and
  // turns each snippet into an editor (the runner's, when the page has it)
  // so the learner can change the code and run it again.
  function showRunButtons() {
    document.querySelectorAll("[data-quiz-run][hidden]").forEach(function (box) {
      box.hidden = false;
    });
    if (window.ckptlabEditor) {
      upgradeSnippets();
    } else {
      // The editor bundle is a deferred script after this one.
      document.addEventListener("DOMContentLoaded", upgradeSnippets);
    }
  }

  function upgradeSnippets() {
    document.querySelectorAll("[data-quiz-run]:not([data-editor])").forEach(function (box) {
      var source = box.querySelector(".quiz-run-source");
      if (!source || !window.ckptlabEditor) return;
      box.setAttribute("data-editor", "");
      source.readOnly = false;
      // Kept on the box for scripts (and tests) that drive the editor.
      box.ckptlabEditor = window.ckptlabEditor.create(source, {
        nonce: nonce,
        label: "The question's snippet; edit it and run it",
        onRun: function () { runSnippet(box); },
      });
    });
  }

  function init() {
    var p = load();
    syncLearner(p);
    document.querySelectorAll("section.quiz-set[data-quiz-lesson]").forEach(function (s) {
      p.lessons[s.getAttribute("data-quiz-lesson")] = { read: true };
    });
    save(p);
    // A page a form was posted to without htmx shows a graded card: keep it.
    document.querySelectorAll(".quiz-question[data-result]").forEach(record);
    refresh();

    showRunButtons();
    document.body.addEventListener("click", function (e) {
      var button = e.target && e.target.closest && e.target.closest(".quiz-run-button");
      if (button) runSnippet(button.closest("[data-quiz-run]"));
    });

    document.querySelectorAll("[data-quiz-progress]").forEach(function (root) {
      var exp = root.querySelector("[data-quiz-export]");
      if (exp) exp.addEventListener("click", function () { exportProgress(root); });
      var imp = root.querySelector("[data-quiz-import]");
      if (imp) imp.addEventListener("change", function () {
        if (imp.files && imp.files[0]) importProgress(root, imp.files[0]);
        imp.value = "";
      });
    });

    // htmx replaces the whole card, and the button that had the focus with
    // it: remember which card asked, to move the focus into its new version.
    var asking = "";
    document.body.addEventListener("htmx:beforeRequest", function (e) {
      var card = e.target && e.target.closest && e.target.closest(".quiz-question");
      asking = card ? card.id : "";
    });

    // htmx swaps nothing in when the server fails or cannot be reached:
    // say so in the card, where the learner is looking.
    function failed(e, text) {
      var card = e.target && e.target.closest && e.target.closest(".quiz-question");
      if (!card) return;
      var p = card.querySelector(".quiz-failed");
      if (!p) {
        p = document.createElement("p");
        p.className = "quiz-problem quiz-failed";
        p.setAttribute("role", "alert");
        (card.querySelector("form") || card).appendChild(p);
      }
      p.textContent = text;
    }
    document.body.addEventListener("htmx:responseError", function (e) {
      var status = e.detail && e.detail.xhr ? e.detail.xhr.status : 0;
      failed(e, "The server could not take this answer (status " + status + "). Try again in a moment.");
    });
    document.body.addEventListener("htmx:sendError", function (e) {
      failed(e, "The answer could not reach the server. Check the connection and try again.");
    });

    // After htmx swaps a card in (the feedback, or the form again), keep
    // the new answer, update the review, and focus the feedback (or the
    // form's first field on a retry) so keyboard and screen reader users
    // land on what changed.
    document.body.addEventListener("htmx:afterSettle", function () {
      document.querySelectorAll(".quiz-question[data-result]").forEach(record);
      refresh();
      showRunButtons();
      var card = asking && document.getElementById(asking);
      asking = "";
      if (!card) return;
      var target = card.querySelector(".quiz-feedback") || card.querySelector("form input, form textarea");
      // The new card sits where the old one was, in view: moving the focus
      // must not scroll the page under the learner's pointer.
      if (target) target.focus({ preventScroll: true });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
