/* The public questionnaire in the browser: shows and hides questions by their `relevant`,
 * checks `required` and `constraint` as the answer is given (the server checks again and
 * decides), adds and removes entries of a repeat, and keeps unfinished answers in this
 * browser's localStorage until the questionnaire is sent.
 *
 * Reads the form from data- attributes written by surveys/_item.html; expressions go
 * through TurbotaXLSForm (xlsform.js). Without JavaScript the form still works: every
 * question is shown and the server does all the checking.
 */
(function () {
  "use strict";

  var X = window.TurbotaXLSForm;
  var REQUIRED = "Це обов'язкове питання: дайте відповідь.";
  var REQUIRED_CHOICE = "Це обов'язкове питання: оберіть відповідь.";
  var CONSTRAINT = "Відповідь не відповідає умові анкети.";
  var NOT_INTEGER = "Введіть ціле число (лише цифри).";
  var NOT_NUMBER = "Введіть число (дробову частину — після коми).";
  var compiled = {};

  function expression(text) {
    if (!(text in compiled)) {
      try { compiled[text] = X.parse(text); } catch (problem) { compiled[text] = null; }
    }
    return compiled[text];
  }

  function kids(container) {
    return Array.prototype.filter.call(container.children, function (el) { return el.dataset.kind; });
  }

  function inputs(item) {
    return item.querySelectorAll("input, select, textarea");
  }

  function rawValue(item) {
    var widget = item.dataset.widget;
    var fields = item.querySelectorAll("[name='" + CSS.escape(item.dataset.key) + "']");
    if (widget === "radio" || widget === "checkbox") {
      return Array.prototype.filter.call(fields, function (f) { return f.checked; })
        .map(function (f) { return f.value; }).join(" ");
    }
    return fields.length ? fields[0].value.trim() : "";
  }

  // The answer as the server reads it: a number for integer and decimal, else text;
  // {problem} when it cannot be read as its type.
  function typed(item) {
    var text = rawValue(item);
    var type = item.dataset.type;
    if (text === "") { return { value: "" }; }
    if (type === "integer") {
      var whole = text.replace(/[\s\u00a0]/g, "");
      return /^[+-]?\d+$/.test(whole) ? { value: parseInt(whole, 10) } : { value: "", problem: NOT_INTEGER };
    }
    if (type === "decimal") {
      var decimal = text.replace(/[\s\u00a0]/g, "").replace(",", ".");
      return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(decimal)
        ? { value: parseFloat(decimal) } : { value: "", problem: NOT_NUMBER };
    }
    return { value: text };
  }

  function Scope(outer) { this.values = {}; this.outer = outer || null; }
  Scope.prototype.lookup = function (name) {
    if (Object.prototype.hasOwnProperty.call(this.values, name)) { return this.values[name]; }
    return this.outer ? this.outer.lookup(name) : "";
  };

  function holds(text, scope, current, today) {
    if (!text) { return true; }
    var tree = expression(text);
    if (!tree) { return true; }  // outside the subset: never imported, so never here
    return X.truth(X.evaluate(tree, { lookup: function (n) { return scope.lookup(n); }, current: current, today: today }));
  }

  function questionsOf(container, list) {
    kids(container).forEach(function (item) {
      var kind = item.dataset.kind;
      if (kind === "question") { list.push(item); }
      if (kind === "group") { questionsOf(item.querySelector("[data-children]"), list); }
    });
    return list;
  }

  function fill(container, scope) {
    questionsOf(container, []).forEach(function (item) { scope.values[item.dataset.name] = typed(item).value; });
  }

  // A hidden item's fields are disabled, so they are not sent; the items inside a shown
  // group are walked after it and set their own.
  function setHidden(item, hide) {
    item.hidden = hide;
    Array.prototype.forEach.call(inputs(item), function (field) {
      if (!field.closest("template")) { field.disabled = hide; }
    });
  }

  function clearNames(item, scope) {
    questionsOf(item.querySelector("[data-children]") || item, []).forEach(function (q) { scope.values[q.dataset.name] = ""; });
  }

  function walk(container, scope, state) {
    kids(container).forEach(function (item) {
      var relevant = holds(item.dataset.relevant, scope, "", state.today);
      setHidden(item, !relevant);
      var kind = item.dataset.kind;
      if (!relevant) {
        if (kind === "question") { scope.values[item.dataset.name] = ""; }
        if (kind === "group") { clearNames(item, scope); }
        return;
      }
      if (kind === "group") { walk(item.querySelector("[data-children]"), scope, state); }
      if (kind === "repeat") {
        item.querySelectorAll("[data-instance]").forEach(function (instance) {
          if (instance.closest("template")) { return; }
          var inner = new Scope(scope);
          var children = instance.querySelector("[data-children]");
          fill(children, inner);
          walk(children, inner, state);
        });
      }
      if (kind === "question") { state.scopes.set(item, scope); }
      if (kind === "question" || kind === "note") { updateOutputs(item, scope); }
    });
  }

  function updateOutputs(item, scope) {
    item.querySelectorAll(".output[data-ref]").forEach(function (span) {
      span.textContent = X.string(scope.lookup(span.dataset.ref));
    });
  }

  function problemOf(item, scope, today) {
    var answer = typed(item);
    if (answer.problem) { return answer.problem; }
    if (answer.value === "") {
      var required = item.dataset.required === "true" || (item.dataset.requiredIf && holds(item.dataset.requiredIf, scope, "", today));
      if (!required) { return ""; }
      var choice = item.dataset.widget === "radio" || item.dataset.widget === "checkbox" || item.dataset.widget === "select";
      return item.dataset.requiredMessage || (choice ? REQUIRED_CHOICE : REQUIRED);
    }
    if (!holds(item.dataset.constraint, scope, answer.value, today)) {
      return item.dataset.constraintMessage || CONSTRAINT;
    }
    return "";
  }

  // The message under the question, tied to its fields (aria-describedby) only while shown.
  function showProblem(item, message) {
    var errorId = item.id + "-error";
    var box = document.getElementById(errorId);
    if (box) { box.textContent = message; box.hidden = !message; }
    item.classList.toggle("has-error", !!message);
    var described = item.dataset.widget === "radio" || item.dataset.widget === "checkbox" ? [item] : Array.prototype.slice.call(inputs(item));
    described.forEach(function (el) {
      var ids = (el.getAttribute("aria-describedby") || "").split(" ").filter(function (id) { return id && id !== errorId; });
      if (message) { ids.push(errorId); }
      if (ids.length) { el.setAttribute("aria-describedby", ids.join(" ")); } else { el.removeAttribute("aria-describedby"); }
    });
    Array.prototype.forEach.call(inputs(item), function (field) {
      if (message) { field.setAttribute("aria-invalid", "true"); } else { field.removeAttribute("aria-invalid"); }
    });
  }

  function Survey(form) {
    this.form = form;
    this.body = form.querySelector("[data-items]");
    this.today = form.dataset.today;
    this.key = form.dataset.storageKey;
    this.live = document.getElementById("survey-live");
    this.touched = new Set();
  }

  Survey.prototype.refresh = function () {
    var state = { today: this.today, scopes: new Map() };
    var top = new Scope();
    fill(this.body, top);
    walk(this.body, top, state);
    this.state = state;
    var self = this;
    state.scopes.forEach(function (scope, item) {
      if (self.touched.has(item.dataset.key)) { showProblem(item, problemOf(item, scope, self.today)); }
    });
    this.body.querySelectorAll("[data-kind='question'][hidden], [hidden] [data-kind='question']").forEach(function (item) { showProblem(item, ""); });
  };

  Survey.prototype.problems = function () {
    var found = [];
    var self = this;
    this.refresh();
    this.state.scopes.forEach(function (scope, item) {
      var message = problemOf(item, scope, self.today);
      showProblem(item, message);
      if (message) { found.push({ item: item, message: message }); }
    });
    return found;
  };

  Survey.prototype.summarise = function (found) {
    var summary = document.getElementById("error-summary");
    var list = summary.querySelector("ul");
    list.textContent = "";
    found.forEach(function (problem) {
      var link = document.createElement("a");
      var first = problem.item.querySelector("input, select, textarea");
      link.href = "#" + (first ? first.id : problem.item.id);
      link.textContent = problem.item.dataset.label + ": " + problem.message;
      var entry = document.createElement("li");
      entry.appendChild(link);
      list.appendChild(entry);
    });
    summary.hidden = false;
    summary.focus();
  };

  Survey.prototype.announce = function (text) {
    if (this.live) { this.live.textContent = text; }
  };

  Survey.prototype.renumber = function (repeat) {
    repeat.querySelectorAll("[data-instance]").forEach(function (instance, position) {
      if (instance.closest("template")) { return; }
      instance.querySelectorAll("[data-number]").forEach(function (span) { span.textContent = position + 1; });
    });
    var indices = Array.prototype.filter.call(repeat.querySelectorAll("[data-instance]"), function (i) { return !i.closest("template"); })
      .map(function (instance) { return instance.dataset.instance; });
    var field = this.form.querySelector("input[name='_repeat:" + CSS.escape(repeat.dataset.name) + "']");
    if (field) { field.value = indices.join(","); }
  };

  Survey.prototype.addInstance = function (repeat, index) {
    var template = repeat.querySelector("template");
    var list = repeat.querySelector("[data-instances]");
    if (index === undefined) {
      index = 0;
      list.querySelectorAll("[data-instance]").forEach(function (i) { index = Math.max(index, +i.dataset.instance + 1); });
    }
    var holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.split("__INDEX__").join(String(index));
    var instance = holder.firstElementChild;
    list.appendChild(instance);
    this.renumber(repeat);
    return instance;
  };

  Survey.prototype.onClick = function (event) {
    var add = event.target.closest("[data-add-instance]");
    var remove = event.target.closest("[data-remove-instance]");
    if (!add && !remove) { return; }
    event.preventDefault();
    var repeat = (add || remove).closest("[data-kind='repeat']");
    if (add) {
      var instance = this.addInstance(repeat);
      this.refresh();
      var first = instance.querySelector("input, select, textarea");
      if (first) { first.focus(); }
      this.announce("Додано запис № " + repeat.querySelectorAll("[data-instances] > [data-instance]").length + ".");
    } else {
      remove.closest("[data-instance]").remove();
      this.renumber(repeat);
      this.refresh();
      repeat.querySelector("[data-add-instance]").focus();
      this.announce("Запис видалено.");
    }
    this.save();
  };

  Survey.prototype.collect = function () {
    var fields = {};
    Array.prototype.forEach.call(this.form.elements, function (field) {
      if (!field.name || field.name.charAt(0) === "_" || field.name === "csrfmiddlewaretoken" || field.type === "submit" || field.type === "hidden") { return; }
      if (field.type === "radio" || field.type === "checkbox") {
        if (!fields[field.name]) { fields[field.name] = []; }
        if (field.checked) { fields[field.name].push(field.value); }
      } else {
        fields[field.name] = field.value;
      }
    });
    var repeats = {};
    this.form.querySelectorAll("input[name^='_repeat:']").forEach(function (field) {
      repeats[field.name.slice(8)] = field.value;
    });
    return { saved: Date.now(), fields: fields, repeats: repeats };
  };

  Survey.prototype.save = function () {
    if (!this.key) { return; }
    try { window.localStorage.setItem(this.key, JSON.stringify(this.collect())); } catch (problem) { /* storage full or off */ }
  };

  Survey.prototype.restore = function () {
    var saved = null;
    try { saved = JSON.parse(window.localStorage.getItem(this.key) || "null"); } catch (problem) { saved = null; }
    if (!saved || !saved.fields) { return false; }
    var self = this;
    Object.keys(saved.repeats || {}).forEach(function (name) {
      var repeat = self.form.querySelector("[data-kind='repeat'][data-name='" + CSS.escape(name) + "']");
      if (!repeat) { return; }
      repeat.querySelectorAll("[data-instances] > [data-instance]").forEach(function (i) { i.remove(); });
      String(saved.repeats[name]).split(",").filter(Boolean).forEach(function (index) { self.addInstance(repeat, index); });
    });
    Array.prototype.forEach.call(this.form.elements, function (field) {
      if (!Object.prototype.hasOwnProperty.call(saved.fields, field.name)) { return; }
      var value = saved.fields[field.name];
      if (field.type === "radio" || field.type === "checkbox") { field.checked = value.indexOf(field.value) >= 0; }
      else if (typeof value === "string") { field.value = value; }
    });
    return true;
  };

  Survey.prototype.start = function () {
    var self = this;
    if (this.form.dataset.fresh === "1" && this.restore()) {
      var notice = document.getElementById("restored-notice");
      if (notice) { notice.hidden = false; }
    }
    this.refresh();
    this.form.addEventListener("click", function (event) { self.onClick(event); });
    this.form.addEventListener("change", function (event) {
      var item = event.target.closest("[data-kind='question']");
      if (item) { self.touched.add(item.dataset.key); }
      self.refresh();
      self.save();
    });
    this.form.addEventListener("input", function () { self.refresh(); self.save(); });
    this.form.addEventListener("submit", function (event) {
      if (event.submitter && event.submitter.name === "_restart") { return; }
      var found = self.problems();
      if (found.length) { event.preventDefault(); self.summarise(found); }
    });
    var restart = document.getElementById("restart-survey");
    if (restart) {
      restart.addEventListener("click", function () {
        try { window.localStorage.removeItem(self.key); } catch (problem) { /* nothing kept */ }
      });
    }
    var summary = document.getElementById("error-summary");
    if (summary && !summary.hidden) { summary.focus(); }
  };

  function clearFinished() {
    var done = document.querySelector("[data-clear-survey]");
    if (done) {
      try { window.localStorage.removeItem(done.dataset.clearSurvey); } catch (problem) { /* nothing kept */ }
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    clearFinished();
    var form = document.querySelector("form[data-survey-form]");
    if (form) { new Survey(form).start(); }
  });
})();
