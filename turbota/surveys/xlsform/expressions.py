"""The part of the XLSForm expression language Turbota evaluates in ``relevant``,
``required`` and ``constraint`` — on the server (authoritative) and, with the same rules,
in the browser (``static/surveys/js/xlsform.js``).

The subset: ``${name}``, ``.`` (the answer being checked), numbers, 'strings' and
"strings", parentheses, ``or and = != < <= > >= + - * div mod``, unary minus and the
functions ``selected``, ``count-selected``, ``not``, ``string-length``, ``regex`` (a
literal pattern of the portable part of regular expressions), ``today``, ``true`` and
``false``. Anything else — paths, predicates, other functions — is refused by ``parse``
with the reason, and the form reports it as unsupported.

Values follow XPath 1.0: a string, a number (float) or a boolean. An empty answer is the
empty string; a number answer is a number; a select_multiple answer is its choices joined
by spaces; a date is its ISO text, which becomes the number of days since 1970-01-01 where
a number is needed (so ``. <= today()`` compares dates).
"""

from __future__ import annotations

import datetime
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

Value = str | float | bool
Lookup = Callable[[str], Value]

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<number>\d+(?:\.\d*)?|\.\d+)
    | (?P<string>'[^']*'|"[^"]*")
    | (?P<ref>\$\{(?P<refname>[^}]*)\})
    | (?P<op>!=|<=|>=|=|<|>|\+|-|\*|\(|\)|,)
    | (?P<dot>\.)
    | (?P<name>[A-Za-z_][A-Za-z0-9_.\-]*)
    | (?P<other>\S)
    )""",
    re.VERBOSE,
)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
_NUMBER = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_EPOCH = datetime.date(1970, 1, 1)
# name → number of arguments
FUNCTIONS = {
    "selected": 2,
    "count-selected": 1,
    "not": 1,
    "string-length": 1,
    "regex": 2,
    "today": 0,
    "true": 0,
    "false": 0,
}
KEYWORDS = {"and", "or", "div", "mod"}
# Regular expressions that mean the same in Python and in JavaScript.
_REGEX_ESCAPES = set("dDwWsSbB.\\-+*?()[]{}^$|/nt")


class UnsupportedExpressionError(ValueError):
    """An expression outside the subset; ``reason`` names what (for the import report)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Literal:
    value: Value


@dataclass(frozen=True)
class Ref:
    name: str


@dataclass(frozen=True)
class Current:
    pass


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Binary:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Negate:
    operand: Node


Node = Literal | Ref | Current | Call | Binary | Negate


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str


def _tokens(text: str) -> list[_Token]:
    found: list[_Token] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:  # only trailing whitespace is left
            break
        position = match.end()
        kind = match.lastgroup or ""
        if kind == "refname":
            kind = "ref"
        if kind == "other":
            raise UnsupportedExpressionError(f"syntax '{match.group('other')}'")
        value = match.group("refname") if kind == "ref" else match.group(kind)
        found.append(_Token(kind, value))
    return found


class _Parser:
    """Recursive descent over the precedence levels of XPath 1.0."""

    LEVELS = (("or",), ("and",), ("=", "!="), ("<", "<=", ">", ">="), ("+", "-"))

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.at = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.peek()
        if token is None:
            raise UnsupportedExpressionError("expression ends too early")
        self.at += 1
        return token

    def expect(self, text: str) -> None:
        token = self.take()
        if token.text != text:
            raise UnsupportedExpressionError(f"expected '{text}', found '{token.text}'")

    def operator(self, choices: tuple[str, ...]) -> str | None:
        token = self.peek()
        if token is not None and token.kind in ("op", "name") and token.text in choices:
            self.at += 1
            return token.text
        return None

    def expression(self, level: int = 0) -> Node:
        if level == len(self.LEVELS):
            return self.product()
        node = self.expression(level + 1)
        while (op := self.operator(self.LEVELS[level])) is not None:
            node = Binary(op, node, self.expression(level + 1))
        return node

    def product(self) -> Node:
        node = self.unary()
        while (op := self.operator(("*", "div", "mod"))) is not None:
            node = Binary(op, node, self.unary())
        return node

    def unary(self) -> Node:
        if self.operator(("-",)):
            return Negate(self.unary())
        return self.primary()

    def primary(self) -> Node:
        token = self.take()
        if token.kind == "number":
            return Literal(float(token.text))
        if token.kind == "string":
            return Literal(token.text[1:-1])
        if token.kind == "ref":
            if not _NAME.fullmatch(token.text):
                raise UnsupportedExpressionError(f"reference '${{{token.text}}}'")
            return Ref(token.text)
        if token.kind == "dot":
            return Current()
        if token.text == "(":
            node = self.expression()
            self.expect(")")
            return node
        if token.kind == "name":
            return self.call(token.text)
        raise UnsupportedExpressionError(f"unexpected '{token.text}'")

    def call(self, name: str) -> Node:
        following = self.peek()
        if following is None or following.text != "(" or name in KEYWORDS:
            raise UnsupportedExpressionError(f"path or name '{name}'")
        if name not in FUNCTIONS:
            raise UnsupportedExpressionError(f"function {name}()")
        self.take()
        args: list[Node] = []
        if self.operator((")",)) is None:
            args.append(self.expression())
            while self.operator((",",)):
                args.append(self.expression())
            self.expect(")")
        if len(args) != FUNCTIONS[name]:
            raise UnsupportedExpressionError(f"function {name}() with {len(args)} arguments")
        if name == "regex":
            _check_pattern(args[1])
        return Call(name, tuple(args))


def _check_pattern(node: Node) -> None:
    if not isinstance(node, Literal) or not isinstance(node.value, str):
        raise UnsupportedExpressionError("regex() with a pattern that is not a literal")
    pattern = node.value
    if "(?" in pattern.replace("(?:", ""):
        raise UnsupportedExpressionError("regex() group syntax '(?'")
    for escaped in re.findall(r"\\(.)", pattern):
        if escaped not in _REGEX_ESCAPES:
            raise UnsupportedExpressionError(f"regex() escape '\\{escaped}'")
    try:
        re.compile(pattern)
    except re.error as error:
        raise UnsupportedExpressionError(f"regex() pattern: {error}") from None


@functools.lru_cache(maxsize=1024)
def parse(text: str) -> Node:
    """The expression as a tree, or ``UnsupportedExpressionError`` saying what is outside the
    subset."""
    parser = _Parser(_tokens(text))
    if not parser.tokens:
        raise UnsupportedExpressionError("empty expression")
    node = parser.expression()
    if parser.peek() is not None:
        raise UnsupportedExpressionError(f"unexpected '{parser.take().text}'")
    return node


def references(node: Node) -> set[str]:
    """The names of the questions ``node`` reads."""
    if isinstance(node, Ref):
        return {node.name}
    if isinstance(node, Call):
        return set().union(*(references(arg) for arg in node.args))
    if isinstance(node, Binary):
        return references(node.left) | references(node.right)
    if isinstance(node, Negate):
        return references(node.operand)
    return set()


def number(value: Value) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float):
        return value
    text = value.strip()
    date = _DATE.fullmatch(text)
    if date:
        try:
            day = datetime.date(*(int(part) for part in date.groups()))
        except ValueError:
            return math.nan
        return float((day - _EPOCH).days)
    return float(text) if _NUMBER.fullmatch(text) else math.nan


def string(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return str(int(value)) if value.is_integer() else repr(value)
    return value


def truth(value: Value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return not (value == 0 or math.isnan(value))
    return value != ""


def _equal(left: Value, right: Value) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return truth(left) == truth(right)
    if isinstance(left, float) or isinstance(right, float):
        return number(left) == number(right)
    return left == right


def _divide(left: float, right: float) -> float:
    if right == 0:
        if left == 0 or math.isnan(left):
            return math.nan
        return math.copysign(math.inf, left) * math.copysign(1, right)
    return left / right


def _modulo(left: float, right: float) -> float:
    if right == 0 or math.isinf(left) or math.isnan(left) or math.isnan(right):
        return math.nan
    return math.fmod(left, right)


_ARITHMETIC: dict[str, Callable[[float, float], float]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "div": _divide,
    "mod": _modulo,
}
_RELATIONS: dict[str, Callable[[float, float], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


@dataclass(frozen=True)
class Context:
    """What an expression reads: other answers by name, the answer being checked (``.``)
    and today's date."""

    lookup: Lookup
    current: Value = ""
    today: datetime.date | None = None


def evaluate(node: Node, context: Context) -> Value:
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, Ref):
        return context.lookup(node.name)
    if isinstance(node, Current):
        return context.current
    if isinstance(node, Negate):
        return -number(evaluate(node.operand, context))
    if isinstance(node, Call):
        return _call(node, context)
    if node.op == "or":
        return truth(evaluate(node.left, context)) or truth(evaluate(node.right, context))
    if node.op == "and":
        return truth(evaluate(node.left, context)) and truth(evaluate(node.right, context))
    left, right = evaluate(node.left, context), evaluate(node.right, context)
    if node.op == "=":
        return _equal(left, right)
    if node.op == "!=":
        return not _equal(left, right)
    if node.op in _RELATIONS:
        return _RELATIONS[node.op](number(left), number(right))
    return _ARITHMETIC[node.op](number(left), number(right))


def _call(node: Call, context: Context) -> Value:
    args = [evaluate(arg, context) for arg in node.args]
    name = node.name
    if name == "selected":
        return string(args[1]).strip() in string(args[0]).split()
    if name == "count-selected":
        return float(len(string(args[0]).split()))
    if name == "not":
        return not truth(args[0])
    if name == "string-length":
        return float(len(string(args[0])))
    if name == "regex":
        return re.search(string(args[1]), string(args[0]), re.ASCII) is not None
    if name == "today":
        return (context.today or datetime.date.today()).isoformat()  # noqa: DTZ011 (a date)
    return name == "true"
