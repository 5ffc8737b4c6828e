/* The XLSForm expression subset Turbota supports, evaluated in the browser exactly as
 * turbota/surveys/xlsform/expressions.py does on the server (which stays authoritative).
 *
 * TurbotaXLSForm.parse(text) → a tree, or throws {unsupported: reason};
 * TurbotaXLSForm.evaluate(tree, {lookup: name → value, current: value, today: "YYYY-MM-DD"});
 * TurbotaXLSForm.truth(value). Values are strings, numbers or booleans (XPath 1.0).
 */
(function (root) {
  "use strict";

  var TOKEN = /^\s*(?:(\d+(?:\.\d*)?|\.\d+)|('[^']*'|"[^"]*")|\$\{([^}]*)\}|(!=|<=|>=|=|<|>|\+|-|\*|\(|\)|,)|(\.)|([A-Za-z_][A-Za-z0-9_.\-]*)|(\S))/;
  var NAME = /^[A-Za-z_][A-Za-z0-9_.\-]*$/;
  var NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;
  var DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
  var FUNCTIONS = {
    "selected": 2, "count-selected": 1, "not": 1, "string-length": 1, "regex": 2,
    "today": 0, "true": 0, "false": 0
  };
  var KEYWORDS = { and: true, or: true, div: true, mod: true };
  var LEVELS = [["or"], ["and"], ["=", "!="], ["<", "<=", ">", ">="], ["+", "-"]];

  function Unsupported(reason) { this.unsupported = reason; }

  function tokens(text) {
    var found = [];
    var rest = text;
    while (rest.length) {
      var match = TOKEN.exec(rest);
      if (!match || match[0].length === 0) { break; }
      rest = rest.slice(match[0].length);
      if (match[1] !== undefined) { found.push({ kind: "number", text: match[1] }); }
      else if (match[2] !== undefined) { found.push({ kind: "string", text: match[2] }); }
      else if (match[3] !== undefined) { found.push({ kind: "ref", text: match[3] }); }
      else if (match[4] !== undefined) { found.push({ kind: "op", text: match[4] }); }
      else if (match[5] !== undefined) { found.push({ kind: "dot", text: "." }); }
      else if (match[6] !== undefined) { found.push({ kind: "name", text: match[6] }); }
      else { throw new Unsupported("syntax '" + match[7] + "'"); }
    }
    return found;
  }

  function Parser(list) { this.list = list; this.at = 0; }
  Parser.prototype.peek = function () { return this.at < this.list.length ? this.list[this.at] : null; };
  Parser.prototype.take = function () {
    var token = this.peek();
    if (!token) { throw new Unsupported("expression ends too early"); }
    this.at += 1;
    return token;
  };
  Parser.prototype.operator = function (choices) {
    var token = this.peek();
    if (token && (token.kind === "op" || token.kind === "name") && choices.indexOf(token.text) >= 0) {
      this.at += 1;
      return token.text;
    }
    return null;
  };
  Parser.prototype.expression = function (level) {
    level = level || 0;
    if (level === LEVELS.length) { return this.product(); }
    var node = this.expression(level + 1);
    var op;
    while ((op = this.operator(LEVELS[level])) !== null) {
      node = { binary: op, left: node, right: this.expression(level + 1) };
    }
    return node;
  };
  Parser.prototype.product = function () {
    var node = this.unary();
    var op;
    while ((op = this.operator(["*", "div", "mod"])) !== null) {
      node = { binary: op, left: node, right: this.unary() };
    }
    return node;
  };
  Parser.prototype.unary = function () {
    if (this.operator(["-"])) { return { negate: this.unary() }; }
    return this.primary();
  };
  Parser.prototype.primary = function () {
    var token = this.take();
    if (token.kind === "number") { return { literal: parseFloat(token.text) }; }
    if (token.kind === "string") { return { literal: token.text.slice(1, -1) }; }
    if (token.kind === "ref") {
      if (!NAME.test(token.text)) { throw new Unsupported("reference '${" + token.text + "}'"); }
      return { ref: token.text };
    }
    if (token.kind === "dot") { return { current: true }; }
    if (token.text === "(") {
      var node = this.expression();
      var closing = this.take();
      if (closing.text !== ")") { throw new Unsupported("expected ')', found '" + closing.text + "'"); }
      return node;
    }
    if (token.kind === "name") { return this.call(token.text); }
    throw new Unsupported("unexpected '" + token.text + "'");
  };
  Parser.prototype.call = function (name) {
    var following = this.peek();
    if (!following || following.text !== "(" || KEYWORDS[name]) {
      throw new Unsupported("path or name '" + name + "'");
    }
    if (!Object.prototype.hasOwnProperty.call(FUNCTIONS, name)) {
      throw new Unsupported("function " + name + "()");
    }
    this.take();
    var args = [];
    if (this.operator([")"]) === null) {
      args.push(this.expression());
      while (this.operator([","])) { args.push(this.expression()); }
      var closing = this.take();
      if (closing.text !== ")") { throw new Unsupported("expected ')', found '" + closing.text + "'"); }
    }
    if (args.length !== FUNCTIONS[name]) {
      throw new Unsupported("function " + name + "() with " + args.length + " arguments");
    }
    return { call: name, args: args };
  };

  function parse(text) {
    var parser = new Parser(tokens(text));
    if (!parser.list.length) { throw new Unsupported("empty expression"); }
    var node = parser.expression();
    if (parser.peek()) { throw new Unsupported("unexpected '" + parser.take().text + "'"); }
    return node;
  }

  function number(value) {
    if (typeof value === "boolean") { return value ? 1 : 0; }
    if (typeof value === "number") { return value; }
    var text = value.trim();
    var date = DATE.exec(text);
    if (date) {
      var year = +date[1], month = +date[2], day = +date[3];
      var check = new Date(0);
      check.setUTCFullYear(year, month - 1, day);
      if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
        return NaN;
      }
      return check.getTime() / 86400000;
    }
    return NUMBER.test(text) ? parseFloat(text) : NaN;
  }

  function string(value) {
    if (typeof value === "boolean") { return value ? "true" : "false"; }
    if (typeof value === "number") {
      if (isNaN(value)) { return "NaN"; }
      if (!isFinite(value)) { return value > 0 ? "Infinity" : "-Infinity"; }
      return String(value);
    }
    return value;
  }

  function truth(value) {
    if (typeof value === "boolean") { return value; }
    if (typeof value === "number") { return !(value === 0 || isNaN(value)); }
    return value !== "";
  }

  function equal(left, right) {
    if (typeof left === "boolean" || typeof right === "boolean") { return truth(left) === truth(right); }
    if (typeof left === "number" || typeof right === "number") { return number(left) === number(right); }
    return left === right;
  }

  function words(value) {
    var text = string(value).trim();
    return text ? text.split(/\s+/) : [];
  }

  function todayText(context) {
    if (context.today) { return context.today; }
    var now = new Date();
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function call(node, context) {
    var args = node.args.map(function (arg) { return evaluate(arg, context); });
    switch (node.call) {
      case "selected": return words(args[0]).indexOf(string(args[1]).trim()) >= 0;
      case "count-selected": return words(args[0]).length;
      case "not": return !truth(args[0]);
      case "string-length": return Array.from(string(args[0])).length;
      case "regex": return new RegExp(string(args[1])).test(string(args[0]));
      case "today": return todayText(context);
      default: return node.call === "true";
    }
  }

  function arithmetic(op, a, b) {
    if (op === "+") { return a + b; }
    if (op === "-") { return a - b; }
    if (op === "*") { return a * b; }
    if (op === "div") { return a / b; }
    if (b === 0 || !isFinite(a) || isNaN(b)) { return NaN; }
    return a % b;
  }

  function evaluate(node, context) {
    if ("literal" in node) { return node.literal; }
    if ("ref" in node) { return context.lookup(node.ref); }
    if ("current" in node) { return context.current === undefined ? "" : context.current; }
    if ("negate" in node) { return -number(evaluate(node.negate, context)); }
    if ("call" in node) { return call(node, context); }
    var op = node.binary;
    if (op === "or") { return truth(evaluate(node.left, context)) || truth(evaluate(node.right, context)); }
    if (op === "and") { return truth(evaluate(node.left, context)) && truth(evaluate(node.right, context)); }
    var left = evaluate(node.left, context), right = evaluate(node.right, context);
    if (op === "=") { return equal(left, right); }
    if (op === "!=") { return !equal(left, right); }
    var a = number(left), b = number(right);
    if (op === "<") { return a < b; }
    if (op === "<=") { return a <= b; }
    if (op === ">") { return a > b; }
    if (op === ">=") { return a >= b; }
    return arithmetic(op, a, b);
  }

  root.TurbotaXLSForm = { parse: parse, evaluate: evaluate, truth: truth, number: number, string: string };
})(window);
