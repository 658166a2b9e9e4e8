"""Loading libbrink.so with ctypes and declaring the flat API (include/brink/ffi.h).

Why ctypes and not cffi: the flat API passes only handles, ints, doubles and C strings, so
there is no struct layout or header to parse and nothing to compile at install time; ctypes
ships with Python, which keeps `pip install ./python` free of build steps (docs/python.md).

Where the library is found, first match wins:
  1. the file named by the environment variable BRINK_LIBRARY;
  2. a copy bundled into the installed package (setup.py copies build/libbrink.so.0);
  3. the build tree of the checkout the package is imported from (../build/libbrink.so);
  4. the system's (`make install`: ctypes.util.find_library("brink")).
The library's brink_version() must equal the package's __version__.
"""
import ctypes
import ctypes.util
import os

from ._version import __version__

_here = os.path.dirname(os.path.abspath(__file__))

STATUS_NAMES = ["ok", "nomem", "syntax", "invalid", "too-big", "io", "unsupported",
                "no-converge", "verify", "internal"]


class BrinkError(Exception):
    """An error reported by libbrink, with its location when it is about input text.

    Attributes: status (a short name: "syntax", "invalid", "too-big", ...), code (int),
    message, file ("" when not about a file), line and column (1-based, 0 when unknown).
    str() gives brink's own "file:line:column: error: message" form."""

    def __init__(self, code, message, file="", line=0, column=0):
        self.code = code
        self.status = STATUS_NAMES[code] if 0 <= code < len(STATUS_NAMES) else str(code)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        super().__init__(self._formatted())

    def _formatted(self):
        where = ""
        if self.file:
            where = self.file
            if self.line:
                where += ":%d" % self.line
                if self.column:
                    where += ":%d" % self.column
            where += ": "
        return "%serror: %s" % (where, self.message)


class _Error(ctypes.Structure):
    # Mirrors brink_error (include/brink/error.h): the one struct that crosses the boundary.
    _fields_ = [("code", ctypes.c_int), ("line", ctypes.c_int), ("column", ctypes.c_int),
                ("file", ctypes.c_char * 256), ("message", ctypes.c_char * 512)]

    def raise_(self):
        raise BrinkError(self.code, self.message.decode("utf-8", "replace"),
                         self.file.decode("utf-8", "replace"), self.line, self.column)


def _candidates():
    env = os.environ.get("BRINK_LIBRARY")
    if env:
        return [env]
    out = [os.path.join(_here, "libbrink.so.0")]
    root = os.path.dirname(os.path.dirname(_here))
    out.append(os.path.join(root, "build", "libbrink.so"))
    found = ctypes.util.find_library("brink")
    if found:
        out.append(found)
    return out


def _load():
    tried = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            tried.append(path + " (absent)")
            continue
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
            continue
        lib.brink_version.restype = ctypes.c_char_p
        version = lib.brink_version().decode()
        if version != __version__:
            raise ImportError("libbrink %s at %s, but this package is for %s"
                              % (version, path, __version__))
        return lib, path
    raise ImportError("libbrink.so not found; tried: %s. Build it (make) or set BRINK_LIBRARY "
                      "(docs/python.md)" % "; ".join(tried))


lib, path = _load()

_c = ctypes
_P = _c.c_void_p
_S = _c.c_char_p
_SS = _c.POINTER(_c.c_char_p)
_E = _c.POINTER(_Error)
_I = _c.c_int
_D = _c.c_double

_SIGNATURES = {
    "brink_ffi_free": (None, [_P]),
    "brink_ffi_game_read": (_P, [_S, _c.c_size_t, _S, _E]),
    "brink_ffi_game_generate": (_P, [_S, _SS, _SS, _I, _E]),
    "brink_ffi_game_table": (_P, [_I, _c.POINTER(_I), _SS, _E]),
    "brink_ffi_game_free": (None, [_P]),
    "brink_ffi_game_write": (_P, [_P, _I, _E]),
    "brink_ffi_game_kind": (_I, [_P]),
    "brink_ffi_game_nplayers": (_I, [_P]),
    "brink_ffi_game_title": (_S, [_P]),
    "brink_ffi_game_player": (_S, [_P, _I]),
    "brink_ffi_game_profile_length": (_I, [_P]),
    "brink_ffi_game_entry_label": (_S, [_P, _I]),
    "brink_ffi_game_entries": (_I, [_P, _I]),
    "brink_ffi_efg_action_infoset": (_I, [_P, _I]),
    "brink_ffi_efg_ninfosets": (_I, [_P]),
    "brink_ffi_efg_infoset_player": (_I, [_P, _I]),
    "brink_ffi_efg_infoset_label": (_S, [_P, _I]),
    "brink_ffi_efg_nnodes": (_I, [_P]),
    "brink_ffi_nfg_payoffs": (_c.c_long, [_P, _c.POINTER(_D)]),
    "brink_ffi_nfg_payoff": (_P, [_P, _c.c_long, _I]),
    "brink_ffi_solve": (_P, [_P, _S, _SS, _SS, _I, _E]),
    "brink_ffi_verify": (_P, [_P, _SS, _I, _E]),
    "brink_ffi_list_free": (None, [_P]),
    "brink_ffi_list_count": (_I, [_P]),
    "brink_ffi_list_method": (_S, [_P]),
    "brink_ffi_list_stat": (_D, [_P, _S]),
    "brink_ffi_profile_length": (_I, [_P, _I]),
    "brink_ffi_profile_doubles": (None, [_P, _I, _c.POINTER(_D)]),
    "brink_ffi_profile_exact": (_P, [_P, _I, _I]),
    "brink_ffi_profile_value": (_D, [_P, _I, _I]),
    "brink_ffi_profile_value_exact": (_P, [_P, _I, _I]),
    "brink_ffi_profile_stat": (_D, [_P, _I, _S]),
    "brink_ffi_method_name": (_S, [_I]),
    "brink_ffi_method_summary": (_S, [_I]),
    "brink_ffi_analyze_json": (_P, [_P, _SS, _SS, _I, _E]),
    "brink_ffi_threshold_json": (_P, [_P, _S, _S, _S, _S, _SS, _SS, _I, _E]),
    "brink_ffi_sweep_json": (_P, [_P, _SS, _SS, _SS, _c.POINTER(_I), _I, _S, _SS, _SS, _I,
                                  _E]),
    "brink_ffi_montecarlo_json": (_P, [_P, _SS, _I, _S, _SS, _SS, _I, _E]),
    "brink_ffi_option_name": (_S, [_S, _I]),
    "brink_generator": (_P, [_I]),
    "brink_scenario_load": (_P, [_S, _E]),
    "brink_ffi_scenario_load": (_P, [_S, _D, _D, _I, _E]),
    "brink_scenario_free": (None, [_P]),
    "brink_scenario_id": (_S, [_P]),
    "brink_scenario_title": (_S, [_P]),
    "brink_scenario_mechanism": (_S, [_P]),
    "brink_scenario_builtin_count": (_I, []),
    "brink_scenario_builtin_name": (_S, [_I]),
}
for _name, (_res, _args) in _SIGNATURES.items():
    _f = getattr(lib, _name)
    _f.restype = _res
    _f.argtypes = _args


def error():
    """A fresh error record to pass by reference."""
    return _Error()


def call(fn, *args):
    """Call a brink_ffi_ function whose last argument is the error record; raise BrinkError
    when it returns NULL."""
    err = _Error()
    out = fn(*args, _c.byref(err))
    if not out:
        err.raise_()
    return out


def take_string(ptr):
    """Decode and free a malloc'd char * (None for NULL)."""
    if not ptr:
        return None
    try:
        return _c.string_at(ptr).decode("utf-8")
    finally:
        lib.brink_ffi_free(ptr)


def strings(items):
    """A C array of UTF-8 strings (kept alive by the returned tuple's first element)."""
    enc = [s.encode("utf-8") for s in items]
    arr = (_c.c_char_p * max(len(enc), 1))(*enc)
    return arr, len(enc)


def option_names(call):
    """The option names libbrink's `call` ("analyze", "threshold", "montecarlo", "compare",
    "solve") takes."""
    names, i = [], 0
    while True:
        s = lib.brink_ffi_option_name(call.encode(), i)
        if s is None:
            return names
        names.append(s.decode())
        i += 1


def options(kw, call=None):
    """KEY=VALUE arrays from keyword arguments (None means absent): booleans as 0/1, floats
    as their repr (1e-12, 0.25: brink reads both as numbers), Fractions as p/q. With `call`,
    every name is checked first (BrinkError "call: unknown option 'x'", as the library
    says), so a wrong name is never reported as a wrong value."""
    if call is not None:
        known = option_names(call)
        for k in kw:
            if k not in known:
                raise BrinkError(3, "%s: unknown option '%s'" % (call, k))
    keys, values = [], []
    for k, v in kw.items():
        if v is None:
            continue
        keys.append(k)
        if isinstance(v, float):
            if v != v or v in (float("inf"), float("-inf")):
                raise ValueError("option %s: not a finite number: %r" % (k, v))
            values.append(repr(v))
        else:
            try:
                values.append(exact_text(v))
            except TypeError:
                raise TypeError("option %s: not a number: %r" % (k, v)) from None
    ka, n = strings(keys)
    va, _ = strings(values)
    return ka, va, n


def exact_text(x):
    """Exact number text brink parses: ints and Fractions exactly, floats by their shortest
    decimal repr (0.1 means 1/10), strings as given."""
    from fractions import Fraction
    import numbers
    if isinstance(x, str):
        return x
    if isinstance(x, bool):
        return str(int(x))
    if isinstance(x, numbers.Integral):
        return str(int(x))
    if isinstance(x, Fraction):
        return "%d/%d" % (x.numerator, x.denominator) if x.denominator != 1 else str(x.numerator)
    if isinstance(x, numbers.Real):
        r = repr(float(x))
        if r in ("nan", "inf", "-inf"):
            raise ValueError("not a finite number: %r" % x)
        return exact_text(Fraction(r))
    raise TypeError("not a number: %r" % (x,))
