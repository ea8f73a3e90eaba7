// The SPARQL editor: CodeMirror over the form's textarea, Ctrl-Enter to run, results drawn
// from /sparql's JSON, errors marked at the line and column the server names, the query
// kept in the address (/editor?query=...) so links and the back button work.
// Every text from the data is put in the page with textContent, never as HTML.
"use strict";

(function () {
  const form = document.getElementById("editor-form");
  if (!form) return;
  const textarea = form.querySelector("textarea[name=query]");
  const formatSelect = form.querySelector("select[name=format]");
  const results = document.getElementById("editor-results");
  const status = document.getElementById("editor-status");
  const errorBox = document.getElementById("editor-error");
  const shareLink = document.getElementById("share-link");
  const downloads = document.getElementById("editor-downloads");
  const cfg = form.dataset;
  const kinds = (cfg.kinds || "").split(" ").filter(Boolean);
  const maxRows = parseInt(cfg.maxRows || "1000", 10);
  const NUMERIC = /#(integer|decimal|double|float|long|int|nonNegativeInteger)$/;
  const DATE = /#(date|dateTime)$/;
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  let marks = [];
  let errorLine = null;
  let running = null;

  const cm = window.CodeMirror
    ? window.CodeMirror.fromTextArea(textarea, {
        mode: "application/sparql-query",
        lineNumbers: true,
        matchBrackets: true,
        indentUnit: 2,
        viewportMargin: Infinity,
        screenReaderLabel: "SPARQL query",
        extraKeys: {
          "Ctrl-Enter": () => run(true),
          "Cmd-Enter": () => run(true),
          Tab: false, // Tab moves the focus on, so the page stays keyboard-navigable
          "Shift-Tab": false,
        },
      })
    : null;
  if (cm) {
    cm.on("change", clearError);
    form.classList.add("has-editor");
  } else {
    textarea.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        run(true);
      }
    });
  }

  function getQuery() {
    return cm ? cm.getValue() : textarea.value;
  }

  function setQuery(text) {
    if (cm) cm.setValue(text);
    else textarea.value = text;
  }

  function editorUrl(query) {
    return cfg.editor + "?" + new URLSearchParams({ query: query }).toString();
  }

  function endpointUrl(query, format) {
    return cfg.endpoint + "?" + new URLSearchParams({ query: query, format: format }).toString();
  }

  form.addEventListener("submit", (event) => {
    if (formatSelect && formatSelect.value !== "html") {
      if (cm) cm.save(); // a file download: let the browser submit the form
      return;
    }
    event.preventDefault();
    run(true);
  });

  window.addEventListener("popstate", (event) => {
    const query = (event.state && event.state.query) || new URLSearchParams(location.search).get("query");
    if (query !== null && query !== undefined) {
      setQuery(query);
      run(false);
    }
  });

  // A shared link (/editor?query=...) runs its query at once.
  if (cfg.shared === "1") {
    history.replaceState({ query: getQuery() }, "", location.href);
    run(false);
  }

  function clearError() {
    errorBox.hidden = true;
    errorBox.textContent = "";
    marks.forEach((m) => m.clear());
    marks = [];
    if (cm && errorLine !== null) cm.removeLineClass(errorLine, "wrap", "cm-error-line");
    errorLine = null;
  }

  function showError(message) {
    clearError();
    const at = /error at (\d+):(\d+)/.exec(message);
    let text = message;
    if (at) {
      const line = parseInt(at[1], 10) - 1;
      const ch = Math.max(parseInt(at[2], 10) - 1, 0);
      text = "Line " + (line + 1) + ", column " + (ch + 1) + ": " + message;
      if (cm && line < cm.lineCount()) {
        errorLine = line;
        cm.addLineClass(line, "wrap", "cm-error-line");
        const end = Math.min(ch + 1, cm.getLine(line).length);
        marks.push(cm.markText({ line: line, ch: Math.min(ch, end) }, { line: line, ch: Math.max(end, ch) },
          { className: "cm-error-mark", attributes: { title: message } }));
        cm.setCursor({ line: line, ch: ch });
        cm.scrollIntoView({ line: line, ch: ch }, 60);
      }
    }
    errorBox.textContent = text;
    errorBox.hidden = false;
    errorBox.dataset.line = at ? at[1] : "";
    errorBox.dataset.column = at ? at[2] : "";
  }

  async function run(pushHistory) {
    const query = getQuery();
    if (!query.trim()) return;
    clearError();
    if (pushHistory) {
      const url = editorUrl(query);
      const current = new URLSearchParams(location.search).get("query");
      if (location.pathname !== cfg.editor || current !== query) history.pushState({ query: query }, "", url);
    }
    if (shareLink) shareLink.href = editorUrl(query);
    if (running) running.abort();
    const controller = new AbortController();
    running = controller;
    status.textContent = "Running…";
    const started = performance.now();
    let response;
    try {
      response = await fetch(cfg.endpoint, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/sparql-results+json, text/turtle;q=0.9",
        },
        body: new URLSearchParams({ query: query }),
        signal: controller.signal,
      });
    } catch (err) {
      if (err.name === "AbortError") return;
      status.textContent = "";
      showError("The server could not be reached: " + err.message);
      return;
    }
    const type = response.headers.get("Content-Type") || "";
    const body = await response.text();
    if (running !== controller) return;
    running = null;
    const ms = Math.round(performance.now() - started);
    if (!response.ok) {
      let message = body;
      try {
        message = JSON.parse(body).error || body;
      } catch (_) { /* not JSON: show the text */ }
      status.textContent = "";
      results.replaceChildren();
      showError(message);
      return;
    }
    const truncated = response.headers.get("X-Newsgraph-Truncated");
    if (type.startsWith("text/turtle")) {
      const pre = document.createElement("pre");
      pre.className = "graph";
      pre.textContent = body;
      results.replaceChildren(pre);
      status.textContent = "A graph, in " + ms + " ms.";
      setDownloads(query, true);
      return;
    }
    const data = JSON.parse(body);
    if (typeof data.boolean === "boolean") {
      const p = document.createElement("p");
      p.className = "boolean";
      p.textContent = data.boolean ? "true" : "false";
      results.replaceChildren(p);
      status.textContent = "Answer in " + ms + " ms.";
      setDownloads(query, false);
      return;
    }
    const rows = data.results.bindings;
    results.replaceChildren(table(data.head.vars, rows.slice(0, maxRows)));
    let note = rows.length + " row" + (rows.length === 1 ? "" : "s") + " in " + ms + " ms";
    if (rows.length > maxRows) note += "; the first " + maxRows + " are shown — download the result for every row";
    if (truncated) note += "; " + truncated;
    status.textContent = note + ".";
    setDownloads(query, false);
  }

  function setDownloads(query, isGraph) {
    if (!downloads) return;
    const names = isGraph ? ["turtle", "ntriples", "rdfxml", "jsonld"] : ["json", "xml", "csv", "tsv"];
    const parts = [document.createTextNode("Download the whole result: ")];
    names.forEach((name, i) => {
      const a = document.createElement("a");
      a.href = endpointUrl(query, name);
      a.setAttribute("download", "");
      a.textContent = name.toUpperCase();
      if (i) parts.push(document.createTextNode(" · "));
      parts.push(a);
    });
    downloads.replaceChildren(...parts);
  }

  function table(vars, rows) {
    if (!rows.length) {
      const p = document.createElement("p");
      p.className = "note";
      p.textContent = "No results.";
      return p;
    }
    const wrap = document.createElement("div");
    wrap.className = "scroll";
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", "Results");
    const t = document.createElement("table");
    t.className = "results";
    const head = t.createTHead().insertRow();
    vars.forEach((name) => {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      head.appendChild(th);
    });
    const tbody = t.createTBody();
    rows.forEach((binding) => {
      const tr = tbody.insertRow();
      vars.forEach((name) => tr.appendChild(cell(binding[name])));
    });
    wrap.appendChild(t);
    return wrap;
  }

  function localHref(iri) {
    const base = cfg.base || "";
    if (base && iri.startsWith(base) && kinds.includes(iri.slice(base.length).split("/")[0])) {
      return "/" + iri.slice(base.length).split("/").map(encodeURIComponent).join("/");
    }
    const ontology = cfg.ontology || "";
    if (ontology && (iri === ontology || iri.startsWith(ontology + "#"))) return "/ns" + iri.slice(ontology.length);
    return /^https?:\/\//.test(iri) ? iri : null;
  }

  // What a table shows for an IRI (as the server's tables do): "evidence" for a statement
  // or figure (its page shows the sentence and article), ng:Term, or the last path segment.
  function label(iri, href) {
    if (/^\/(statement|figure)\//.test(href)) return "evidence";
    if (href.startsWith("/ns")) return "ng:" + href.slice(4);
    if (href.startsWith("/")) return decodeURIComponent(href.replace(/\/$/, "").split("/").pop());
    return iri;
  }

  function formatNumber(value) {
    const n = Number(value);
    if (!Number.isFinite(n)) return value;
    return n.toLocaleString("en", { maximumFractionDigits: 20 });
  }

  function formatDate(value) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    if (!m) return value;
    return parseInt(m[3], 10) + " " + MONTHS[parseInt(m[2], 10) - 1] + " " + m[1];
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) {
      td.className = "empty";
      return td;
    }
    if (term.type === "uri") {
      td.className = "iri";
      const href = localHref(term.value);
      if (href) {
        const a = document.createElement("a");
        a.href = href;
        a.title = term.value;
        a.textContent = label(term.value, href);
        td.appendChild(a);
      } else {
        td.textContent = term.value;
      }
      return td;
    }
    if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
      return td;
    }
    const datatype = term.datatype || "";
    if (NUMERIC.test(datatype)) {
      td.className = "number";
      td.textContent = formatNumber(term.value);
    } else if (DATE.test(datatype)) {
      td.className = "date";
      const time = document.createElement("time");
      time.dateTime = term.value;
      time.textContent = formatDate(term.value);
      td.appendChild(time);
    } else if (/#boolean$/.test(datatype)) {
      td.className = "bool";
      td.textContent = term.value === "true" || term.value === "1" ? "yes" : "no";
    } else {
      td.className = term.value.length > 60 ? "long" : "text";
      td.textContent = term.value;
    }
    return td;
  }
})();
