# Helpers that ctrace runs inside the embedded interpreter for work that is
# easiest in Python and never on the hot path: finding files along
# sys.path, the lines of a file that hold code, and where a function's
# body starts. The build embeds this file into the ctrace binary.
import dis
import linecache
import os
import sys


def code_lines(filename, module_globals=None):
    """Return the sorted line numbers of filename that start code, or None."""
    lines = linecache.getlines(filename, module_globals)
    if not lines:
        return None
    try:
        top = compile("".join(lines), filename, "exec", dont_inherit=True)
    except (SyntaxError, ValueError, OverflowError):
        return None
    found = set()
    pending = [top]
    while pending:
        code = pending.pop()
        for _, line in dis.findlinestarts(code):
            if line is not None and line > 0:
                found.add(line)
        pending.extend(c for c in code.co_consts if hasattr(c, "co_code"))
    return sorted(found)


def _existing(path):
    return os.path.abspath(path) if os.path.isfile(path) else None


def find_file(name):
    """Return the absolute path that a breakpoint's FILE or MODULE means, or None."""
    if os.path.isabs(name):
        return _existing(name)
    candidates = [name]
    if not name.endswith(".py"):
        candidates.append(name + ".py")
        dotted = name.replace(".", os.sep)
        candidates += [dotted + ".py", os.path.join(dotted, "__init__.py")]
    for candidate in candidates:
        found = _existing(candidate)
        if found:
            return found
        for entry in sys.path:
            found = _existing(os.path.join(entry or os.curdir, candidate))
            if found:
                return found
    return None


def function_location(obj):
    """Return (file, first body line, name) of a function-like object, or None."""
    seen = 0
    while hasattr(obj, "__wrapped__") and seen < 100:
        obj = obj.__wrapped__
        seen += 1
    obj = getattr(obj, "__func__", obj)
    code = getattr(obj, "__code__", None)
    if code is None:
        return None
    starts = sorted({line for _, line in dis.findlinestarts(code) if line})
    body = [line for line in starts if line > code.co_firstlineno]
    header_end = code.co_firstlineno
    # A decorated function's first line is its first decorator: skip to
    # the lines after the `def` header.
    source = linecache.getlines(code.co_filename)
    while header_end <= len(source) and not source[header_end - 1].lstrip().startswith(("def ", "async def ")):
        header_end += 1
    if header_end > len(source):
        header_end = code.co_firstlineno
    body = [line for line in starts if line > header_end] or body
    return (code.co_filename, body[0] if body else code.co_firstlineno, code.co_name)


def function_bounds(code):
    """Return (first, last) source lines of a code object, for longlist."""
    import inspect
    try:
        lines, first = inspect.getsourcelines(code)
    except (OSError, TypeError):
        return None
    if first == 0:
        return (1, len(lines))
    return (first, first + len(lines) - 1)


def pretty(value, width=80):
    import pprint
    return pprint.pformat(value, width=width)


def _body_line(path, qualname):
    """Return the first body line of the function qualname (a list of
    names, classes first) defined in the file path, or None."""
    import ast
    lines = linecache.getlines(path)
    if not lines:
        return None
    try:
        tree = ast.parse("".join(lines), path)
    except (SyntaxError, ValueError):
        return None
    scope = tree.body
    node = None
    for name in qualname:
        node = next((n for n in scope if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                     and n.name == name), None)
        if node is None:
            return None
        scope = node.body
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    body = node.body
    if len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]
    return body[0].lineno


def locate_function(name, current_file):
    """Find a function by name without running code: FUNC or Class.method in
    current_file, or MODULE.FUNC with a dotted module name along sys.path.
    Return (file, first body line, name) or None."""
    parts = name.split(".")
    if not all(part.isidentifier() for part in parts):
        return None
    candidates = [(current_file, parts)] if current_file else []
    for i in range(len(parts) - 1, 0, -1):
        path = find_file(".".join(parts[:i]))
        if path and path.endswith(".py"):
            candidates.append((path, parts[i:]))
    for path, qualname in candidates:
        line = _body_line(path, qualname)
        if line:
            return (path, line, qualname[-1])
    return None


def _stdlib_dirs():
    import sysconfig
    paths = sysconfig.get_paths()
    dirs = {paths.get(key) for key in ("stdlib", "platstdlib", "purelib", "platlib")}
    for entry in sys.path:
        if entry.endswith(("site-packages", "dist-packages")):
            dirs.add(entry)
    return tuple(os.path.realpath(d) + os.sep for d in dirs if d)


def is_skipped(module, filename, patterns, stdlib):
    """Return True when a frame of module (its __name__) in filename matches
    a `skip` pattern: a glob on the module name or file path, or a dotted
    module prefix. `stdlib` covers the standard library and site-packages."""
    import fnmatch
    if stdlib and filename and os.path.realpath(filename).startswith(_stdlib_dirs()):
        return True
    for pattern in patterns:
        if module and (fnmatch.fnmatchcase(module, pattern) or module.startswith(pattern + ".") or module == pattern):
            return True
        if filename and fnmatch.fnmatchcase(filename, pattern):
            return True
    return False


def complete_expression(text, namespace):
    """Return the completions of text (a name or dotted attribute path) in namespace."""
    import rlcompleter
    completer = rlcompleter.Completer(namespace)
    found = []
    for state in range(500):
        try:
            match = completer.complete(text, state)
        except Exception:
            break
        if match is None:
            break
        found.append(match)
    return found


def complete_path(text):
    """Return files and directories starting with text; .py files get a ':' suffix."""
    import glob
    found = []
    for path in sorted(glob.glob(os.path.expanduser(text) + "*"))[:200]:
        if os.path.isdir(path):
            found.append(path + "/")
        elif path.endswith(".py"):
            found.append(path + ":")
    return found


def decorated_body_line(path, line):
    """If line is inside a decorator of a function, return (its first body
    line, the function's name); else None."""
    import ast
    lines = linecache.getlines(path)
    try:
        tree = ast.parse("".join(lines), path)
    except (SyntaxError, ValueError):
        return None
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for decorator in node.decorator_list:
            if decorator.lineno <= line <= (decorator.end_lineno or decorator.lineno):
                body = node.body
                if len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
                        and isinstance(body[0].value.value, str):
                    body = body[1:]
                return (body[0].lineno, node.name)
    return None
