// The editor bundle: CodeMirror 6 with Python highlighting, exposed to the page's
// plain scripts as window.ckptlabEditor. Rebuild with ./build.sh (needs node and
// npm); the output web/static/vendor/editor.js is committed.
import {EditorState, StateEffect, StateField} from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  drawSelection, Decoration,
} from "@codemirror/view";
import {defaultKeymap, history, historyKeymap, indentWithTab} from "@codemirror/commands";
import {python} from "@codemirror/lang-python";
import {syntaxHighlighting, defaultHighlightStyle, indentOnInput, bracketMatching} from "@codemirror/language";

// A line the page wants to point at (the failing line of a traceback, the
// source line of a timeline event).
const setMark = StateEffect.define();
const markField = StateField.define({
  create() { return Decoration.none; },
  update(marks, tr) {
    marks = marks.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(setMark)) {
        if (e.value === null) return Decoration.none;
        const {line, cls} = e.value;
        if (line < 1 || line > tr.state.doc.lines) return Decoration.none;
        const from = tr.state.doc.line(line).from;
        marks = Decoration.set([Decoration.line({class: cls}).range(from)]);
      }
    }
    return marks;
  },
  provide: f => EditorView.decorations.from(f),
});

// create replaces a <textarea> with an editor that keeps the textarea's value in
// sync, so a form around it still posts the code. opts: onRun(), onChange(text),
// nonce (the page's CSP nonce, for the style element CodeMirror may add), label.
function create(textarea, opts = {}) {
  const run = () => { if (opts.onRun) opts.onRun(); return true; };
  const extensions = [
    lineNumbers(), highlightActiveLineGutter(), highlightActiveLine(), drawSelection(),
    history(), indentOnInput(), bracketMatching(),
    syntaxHighlighting(defaultHighlightStyle, {fallback: true}),
    python(), markField,
    keymap.of([
      {key: "Mod-Enter", run},
      {key: "Shift-Enter", run},
      indentWithTab,
      ...defaultKeymap, ...historyKeymap,
    ]),
    EditorView.updateListener.of(u => {
      if (!u.docChanged) return;
      textarea.value = u.state.doc.toString();
      if (opts.onChange) opts.onChange(textarea.value);
    }),
    EditorView.contentAttributes.of({"aria-label": opts.label || "Python code"}),
  ];
  if (opts.nonce) extensions.push(EditorView.cspNonce.of(opts.nonce));
  const view = new EditorView({
    state: EditorState.create({doc: textarea.value, extensions}),
  });
  textarea.insertAdjacentElement("afterend", view.dom);
  textarea.hidden = true;
  return {
    view,
    getValue() { return view.state.doc.toString(); },
    setValue(text) {
      view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: text}});
    },
    markLine(line, cls = "cm-failing-line") {
      view.dispatch({effects: setMark.of(line ? {line, cls} : null)});
    },
    focus() { view.focus(); },
  };
}

window.ckptlabEditor = {create};
