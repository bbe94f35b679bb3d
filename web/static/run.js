// run.js turns each runnable block of a lesson into an editor that runs in
// place through POST /api/run, like a notebook cell. The server keeps no
// state: this script keeps, per lesson, the sources of the blocks run since
// the last restart (the history the server replays before each run), the
// learner's edits and the files they uploaded, in localStorage. Without it
// every block is still a form that posts to the server.
(function () {
  "use strict";

  var nonce = (document.currentScript && document.currentScript.nonce) || "";
  var slugMatch = location.pathname.match(/^\/lessons\/([^\/]+)/);
  if (!slugMatch || !window.ckptlabEditor) return;
  var slug = decodeURIComponent(slugMatch[1]);
  var STORE = "ckptlab.run." + slug;
  var limits = { max_history: 50, max_history_bytes: 512 * 1024, max_file_bytes: 4 * 1024 * 1024 };
  var UPLOAD_TYPES = [".pth", ".pt", ".safetensors"];

  // --- stored state -------------------------------------------------------

  function emptyState() {
    return { edits: {}, history: [], uploads: {}, runs: 0 };
  }

  function load() {
    try {
      var s = JSON.parse(localStorage.getItem(STORE) || "null");
      if (s && typeof s === "object" && Array.isArray(s.history) && s.edits && typeof s.edits === "object") {
        s.uploads = s.uploads && typeof s.uploads === "object" ? s.uploads : {};
        s.history = s.history.filter(function (h) { return typeof h === "string"; });
        return s;
      }
    } catch (e) { /* unreadable: start afresh */ }
    return emptyState();
  }

  var state = load();

  function save() {
    try {
      localStorage.setItem(STORE, JSON.stringify(state));
    } catch (e) {
      // Over the storage quota (large uploads): keep the history and edits.
      try {
        localStorage.setItem(STORE, JSON.stringify({ edits: state.edits, history: state.history, uploads: {}, runs: state.runs }));
      } catch (e2) { /* storage unavailable: the page still works */ }
    }
  }

  // --- small DOM helpers --------------------------------------------------

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function button(text, cls, onClick, title) {
    var b = el("button", cls, text);
    b.type = "button";
    if (title) b.title = title;
    b.addEventListener("click", onClick);
    return b;
  }

  function byteSize(n) {
    if (n < 1024) return n + " B";
    var units = ["KiB", "MiB", "GiB"];
    var v = n, i = -1;
    do { v /= 1024; i++; } while (v >= 1024 && i < units.length - 1);
    return v.toFixed(1).replace(/\.0$/, "") + " " + units[i];
  }

  function durationText(ms) {
    return ms < 1000 ? ms.toFixed(1) + " ms" : (ms / 1000).toFixed(2) + " s";
  }

  function b64ToBytes(b64) {
    var bin = atob(b64);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  // splitTraceback cuts a traceback before its exception line, the last
  // line starting in the first column (as the server's page does).
  function splitTraceback(tb) {
    var lines = tb.split(/(?<=\n)/);
    for (var i = lines.length - 1; i >= 0; i--) {
      var l = lines[i];
      if (l === "" || l === "\n" || l[0] === " " || l[0] === "\t") continue;
      return [lines.slice(0, i).join(""), lines.slice(i).join("")];
    }
    return [tb, ""];
  }

  // --- the files the learner's runs made or uploaded ----------------------

  // The latest bytes of each file, by name, for downloads: a run sends the
  // bytes of the files it changed; uploads are kept in state.uploads.
  var fileBytes = {};

  function downloadLink(name) {
    var a = el("a", "run-download", "Download");
    a.href = "#";
    a.setAttribute("download", name);
    a.setAttribute("data-file", name);
    a.addEventListener("click", function (ev) {
      var b64 = fileBytes[name] !== undefined ? fileBytes[name] : state.uploads[name];
      if (b64 === undefined) {
        // Made by a block run before this page loaded: the answer to that
        // run had the bytes; ask the server to replay and send them all.
        ev.preventDefault();
        fetchAllFiles().then(function () {
          if (fileBytes[name] !== undefined) a.click();
        });
        return;
      }
      var blob = new Blob([b64ToBytes(b64)], { type: "application/octet-stream" });
      a.href = URL.createObjectURL(blob);
      setTimeout(function () { URL.revokeObjectURL(a.href); a.href = "#"; }, 10000);
    });
    return a;
  }

  // fetchAllFiles replays the lesson's history with an empty block and
  // keeps the bytes of every file it leaves.
  function fetchAllFiles() {
    var body = JSON.stringify({ code: "", history: state.history, files: state.uploads, all_contents: true });
    return fetch("/api/run", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: body,
      credentials: "same-origin",
    }).then(function (resp) { return resp.ok ? resp.json() : null; }).then(function (data) {
      (data && data.files || []).forEach(function (f) {
        if (f.content !== undefined && f.content !== null) fileBytes[f.name] = f.content;
      });
    }).catch(function () {});
  }

  function renderFiles(files) {
    var box = el("div", "run-files");
    box.appendChild(el("h3", "run-h", "Files"));
    var ul = el("ul");
    files.forEach(function (f) {
      if (f.content !== undefined && f.content !== null && f.changed) fileBytes[f.name] = f.content;
      var li = el("li");
      var head = el("span", "run-file");
      head.appendChild(el("code", null, f.name));
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("span", "run-size", byteSize(f.size)));
      if (f.changed) head.appendChild(el("span", "run-changed", " written by this run"));
      head.appendChild(document.createTextNode(" "));
      head.appendChild(downloadLink(f.name));
      li.appendChild(head);
      if (f.checkpoint || f.checkpoint_error) {
        var d = el("details", "run-ckpt");
        d.appendChild(el("summary", null, "What it holds"));
        if (f.checkpoint_error) {
          d.appendChild(el("p", "run-limit", f.checkpoint_error));
        } else {
          var t = el("table", "run-ckpt-table");
          var hr = el("tr");
          ["Key", "Type", "dtype", "Shape / value"].forEach(function (h) { hr.appendChild(el("th", null, h)); });
          t.appendChild(hr);
          f.checkpoint.forEach(function (e) {
            var tr = el("tr");
            tr.appendChild(el("td", null, e.Path));
            tr.appendChild(el("td", null, e.Type));
            tr.appendChild(el("td", null, e.DType || ""));
            var shape = e.DType ? "(" + (e.Shape || []).join(", ") + ((e.Shape || []).length === 1 ? ",)" : ")") : e.Value;
            if (e.SharedWith) shape += " shares storage with " + e.SharedWith;
            tr.appendChild(el("td", null, shape));
            t.appendChild(tr);
          });
          d.appendChild(t);
        }
        li.appendChild(d);
      }
      ul.appendChild(li);
    });
    box.appendChild(ul);
    return box;
  }

  // --- timeline and state view ---------------------------------------------

  // renderTimeline lists the block's checkpoint events; selecting one marks
  // its line in the editor and shows the values just after it.
  function renderTimeline(block, res) {
    var box = el("div", "run-timeline");
    box.appendChild(el("h3", "run-h", "Timeline"));
    var ol = el("ol");
    var detail = el("div", "run-event-detail");
    var buttons = [];
    res.timeline.forEach(function (ev) {
      var li = el("li", "run-event run-event-" + ev.kind);
      var b = el("button");
      b.type = "button";
      b.setAttribute("aria-pressed", "false");
      b.appendChild(el("span", "run-event-line", "line " + ev.line + " "));
      b.appendChild(document.createTextNode(ev.text));
      b.addEventListener("click", function () {
        var on = b.getAttribute("aria-pressed") !== "true";
        buttons.forEach(function (x) { x.setAttribute("aria-pressed", "false"); });
        detail.textContent = "";
        if (!on) { block.editor.markLine(0); return; }
        b.setAttribute("aria-pressed", "true");
        block.editor.markLine(ev.line, ev.kind === "error" ? "cm-failing-line" : "cm-event-line");
        if (ev.file) detail.appendChild(el("p", null, ev.file + ": " + byteSize(ev.size || 0) + (ev.holds ? ", holds " + ev.holds : "")));
        else if (ev.holds) detail.appendChild(el("p", null, ev.holds));
        (ev.values || []).forEach(function (v) {
          detail.appendChild(el("p", "run-value-name", v.name + " after line " + ev.line + ":"));
          detail.appendChild(el("pre", "run-value", v.repr));
        });
      });
      buttons.push(b);
      li.appendChild(b);
      ol.appendChild(li);
    });
    box.appendChild(ol);
    if (res.timeline_dropped) box.appendChild(el("p", "run-note", res.timeline_dropped + " more events are not shown."));
    box.appendChild(detail);
    return box;
  }

  function table(headers, rows) {
    var t = el("table");
    var hr = el("tr");
    headers.forEach(function (h) { hr.appendChild(el("th", null, h)); });
    t.appendChild(hr);
    rows.forEach(function (r) {
      var tr = el("tr");
      r.forEach(function (c) {
        var td = el("td");
        if (c && c.nodeType) td.appendChild(c); else td.textContent = c;
        tr.appendChild(td);
      });
      t.appendChild(tr);
    });
    return t;
  }

  // renderState shows the program's torch objects after the run, by name.
  function renderState(objects) {
    var box = el("details", "run-state");
    box.open = true;
    box.appendChild(el("summary", "run-h", "State after the run"));
    objects.forEach(function (o) {
      var sec = el("div", "run-object run-object-" + o.kind);
      var h = el("h4", "run-object-name");
      h.appendChild(el("code", null, o.name));
      h.appendChild(document.createTextNode(" " + o.type + ": " + o.summary));
      sec.appendChild(h);
      if (o.kind === "module") {
        sec.appendChild(el("pre", null, o.repr));
        sec.appendChild(table(["Name", "Kind", "Shape", "dtype", "Value"], (o.entries || []).map(function (e) {
          return [e.name, e.kind, e.shape || "", e.dtype || "", el("pre", null, e.repr)];
        })));
      } else if (o.kind === "optimizer") {
        (o.groups || []).forEach(function (g, i) {
          sec.appendChild(el("p", null, "param_groups[" + i + "]: " + (g.params || []).join(", ")));
          sec.appendChild(table(["Hyperparameter", "Value"], (g.hyper || []).map(function (e) { return [e.name, e.repr]; })));
        });
        if (o.state && o.state.length) {
          sec.appendChild(table(["State", "Shape", "Value"], o.state.map(function (e) {
            return [e.name, e.shape || "", el("pre", null, e.repr)];
          })));
        } else {
          sec.appendChild(el("p", "run-note", "No per-parameter state yet (it appears with the first step)."));
        }
      } else if (o.kind === "tensor") {
        sec.appendChild(el("pre", null, o.repr));
      } else if (o.kind === "dict") {
        sec.appendChild(table(["Key", "Holds"], (o.entries || []).map(function (e) { return [e.name, e.repr]; })));
      }
      box.appendChild(sec);
    });
    return box;
  }

  // --- output -------------------------------------------------------------

  function renderOutput(block, res) {
    var out = el("section", "run-output");
    out.setAttribute("aria-label", "Output");
    var pre = el("pre", "run-text");
    var text = res.output || "";
    var err = res.error;
    if (err && err.traceback && text.slice(-err.traceback.length) === err.traceback) {
      pre.appendChild(document.createTextNode(text.slice(0, text.length - err.traceback.length)));
      var parts = splitTraceback(err.traceback);
      var tb = el("span", "run-traceback", parts[0]);
      tb.appendChild(el("strong", "run-exception", parts[1]));
      pre.appendChild(tb);
    } else {
      pre.textContent = text;
    }
    if (!text) pre.appendChild(el("span", "run-empty", "(no output)"));
    out.appendChild(pre);
    if (err && err.limit_text) {
      var p = el("p", "run-limit", err.limit_text);
      p.setAttribute("role", "alert");
      out.appendChild(p);
    }
    (res.plots || []).forEach(function (svg, i) {
      var img = el("img", "run-plot");
      img.src = "data:image/svg+xml;base64," + btoa(unescape(encodeURIComponent(svg)));
      img.alt = "Plot " + (i + 1) + " drawn by the program";
      out.appendChild(img);
    });
    if (res.timeline && res.timeline.length) out.appendChild(renderTimeline(block, res));
    if (res.state && res.state.length) out.appendChild(renderState(res.state));
    if (res.files && res.files.length) out.appendChild(renderFiles(res.files));
    out.appendChild(el("p", "run-time", "Ran in " + durationText(res.duration_ms || 0) + "."));
    return out;
  }

  function showMessage(block, text) {
    var out = el("section", "run-output");
    out.setAttribute("aria-label", "Output");
    var p = el("p", "run-limit", text);
    p.setAttribute("role", "alert");
    out.appendChild(p);
    setOutput(block, out);
  }

  function setOutput(block, out) {
    var old = block.root.querySelector(".run-output");
    if (old) old.replaceWith(out); else block.root.appendChild(out);
  }

  // --- running ------------------------------------------------------------

  var running = false;

  function run(block) {
    if (running) return;
    running = true;
    var code = block.editor.getValue();
    block.root.classList.add("is-running");
    block.runButton.disabled = true;
    block.runButton.textContent = "Running…";
    block.editor.markLine(0);
    var body = JSON.stringify({ code: code, history: state.history, files: state.uploads });
    fetch("/api/run", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: body,
      credentials: "same-origin",
    }).then(function (resp) {
      return resp.json().catch(function () { return null; }).then(function (data) {
        if (!resp.ok || !data || data.error === undefined && data.output === undefined) {
          var msg = data && data.error && data.error.message ? data.error.message : "The server answered " + resp.status + ".";
          var retry = resp.headers.get("Retry-After");
          if (retry && (resp.status === 429 || resp.status === 503)) msg += " (Try again in " + retry + " s.)";
          showMessage(block, msg);
          return;
        }
        if (data.limits) limits = data.limits;
        // A block that hit a limit is not kept: replaying it would hit the
        // limit again before every later run.
        if (!data.error || !data.error.limit) {
          state.history.push(code);
          state.runs++;
          save();
        }
        setOutput(block, renderOutput(block, data));
        if (data.error && data.error.line > 0) block.editor.markLine(data.error.line, "cm-failing-line");
        updateStatus();
      });
    }).catch(function () {
      showMessage(block, "The run could not reach the server. Check the connection and run again.");
    }).finally(function () {
      running = false;
      block.root.classList.remove("is-running");
      block.runButton.disabled = false;
      block.runButton.textContent = "Run";
    });
  }

  function restart() {
    state.history = [];
    fileBytes = {};
    save();
    blocks.forEach(function (b) {
      var out = b.root.querySelector(".run-output");
      if (out) out.remove();
      b.editor.markLine(0);
    });
    updateStatus();
  }

  function reset(block) {
    var code = block.editor.getValue();
    if (code === block.original) return;
    if (!window.confirm("Reset this block to the lesson's code? Your edits to it will be lost.")) return;
    block.editor.setValue(block.original);
  }

  function upload(input) {
    var file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    var ok = UPLOAD_TYPES.some(function (ext) { return file.name.toLowerCase().slice(-ext.length) === ext; });
    if (!ok) { alertStatus(file.name + " is not a .pth, .pt or .safetensors file."); return; }
    if (file.size > limits.max_file_bytes) {
      alertStatus(file.name + " is " + byteSize(file.size) + "; uploads may be at most " + byteSize(limits.max_file_bytes) + ".");
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      var url = String(reader.result);
      state.uploads[file.name] = url.slice(url.indexOf(",") + 1);
      save();
      updateStatus();
      alertStatus("Uploaded " + file.name + " (" + byteSize(file.size) + "): load it with torch.load(" + JSON.stringify(file.name) + ").");
    };
    reader.readAsDataURL(file);
  }

  // --- the page -----------------------------------------------------------

  var blocks = [];
  var statusLines = [];

  function alertStatus(text) {
    statusLines.forEach(function (s) { s.textContent = text; });
  }

  function updateStatus() {
    var n = state.history.length;
    var up = Object.keys(state.uploads);
    var text = n === 0 ? "Nothing run yet." : n + (n === 1 ? " block" : " blocks") + " run since the last restart.";
    if (up.length) text += " Uploaded: " + up.join(", ") + ".";
    statusLines.forEach(function (s) { s.textContent = text; });
    blocks.forEach(function (b) { b.restartButton.disabled = n === 0; });
  }

  function setup(root) {
    var textarea = root.querySelector("textarea.runnable-source");
    var form = root.querySelector("form.run-form");
    if (!textarea || !form) return;
    var index = root.getAttribute("data-block");
    var block = { root: root, index: index, original: textarea.defaultValue };
    var pre = root.querySelector("pre.chroma");
    var details = form.querySelector("details.run-edit");

    // The editor takes the highlighted block's place, at its size (see
    // style.css), so nothing below it moves; the textarea stays in the form
    // and the editor keeps it in step.
    var wrap = el("div", "run-editor");
    if (pre) pre.replaceWith(wrap); else form.insertBefore(wrap, form.firstChild);
    if (details) details.hidden = true;

    var stored = state.edits[index];
    if (typeof stored === "string") textarea.value = stored;
    var edited = el("span", "run-edited", "edited");
    edited.hidden = textarea.value === block.original;

    block.editor = window.ckptlabEditor.create(textarea, {
      nonce: nonce,
      label: "Code of block " + (Number(index) + 1) + " (Ctrl+Enter or Shift+Enter runs it)",
      onRun: function () { run(block); },
      onChange: function (text) {
        var isEdited = text !== block.original;
        edited.hidden = !isEdited;
        if (isEdited) state.edits[index] = text; else delete state.edits[index];
        save();
      },
    });
    wrap.appendChild(block.editor.view.dom);

    var bar = form.querySelector(".run-bar");
    bar.textContent = "";
    block.runButton = el("button", "run-button", "Run");
    block.runButton.type = "submit";
    block.runButton.title = "Run (Ctrl+Enter or Shift+Enter)";
    bar.appendChild(block.runButton);
    block.restartButton = button("Restart", "run-restart", restart, "Forget every block run on this page, like restarting a kernel");
    bar.appendChild(block.restartButton);
    bar.appendChild(button("Reset", "run-reset", function () { reset(block); }, "Put back the lesson's code"));
    var label = el("label", "run-upload", "Upload a file");
    var input = el("input");
    input.type = "file";
    input.accept = UPLOAD_TYPES.join(",");
    input.addEventListener("change", function () { upload(input); });
    label.appendChild(input);
    bar.appendChild(label);
    bar.appendChild(edited);
    var status = el("span", "run-status");
    status.setAttribute("aria-live", "polite");
    bar.appendChild(status);
    statusLines.push(status);

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      run(block);
    });
    blocks.push(block);
  }

  document.querySelectorAll(".runnable").forEach(setup);
  updateStatus();
  // Tests and the timeline find the blocks' editors here.
  window.ckptlabRun = { blocks: blocks, state: function () { return state; }, run: run };
})();
