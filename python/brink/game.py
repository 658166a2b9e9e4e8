"""Games: read and write Gambit .efg/.nfg, build strategic games from numpy arrays, generate
standard games (Kuhn, Leduc, the crisis family, random and GAMUT classes)."""
import ctypes
from fractions import Fraction

import numpy as np

from . import _lib
from ._lib import lib

NFG, EFG = 1, 2


class Game:
    """A game held by libbrink: strategic (kind "nfg") or extensive ("efg").

    Build one with Game.read / Game.parse / from_arrays / generate. Profiles of the game are
    vectors of length profile_length: the strategies of player 1, then of player 2, ... (nfg),
    or every action of the tree, chance actions included, in brink's global order (efg)."""

    def __init__(self, handle):
        self._h = ctypes.c_void_p(handle)

    def __del__(self):
        h = getattr(self, "_h", None)
        if h is not None and h.value:
            lib.brink_ffi_game_free(h)
            self._h = None

    # ---- reading and writing ----
    @classmethod
    def parse(cls, text, filename="<string>"):
        """A game from Gambit .efg/.nfg text; errors (BrinkError) carry filename:line:col."""
        data = text.encode("utf-8")
        return cls(_lib.call(lib.brink_ffi_game_read, data, len(data), filename.encode()))

    @classmethod
    def read(cls, path):
        """A game from a Gambit .efg or .nfg file (the first token decides)."""
        with open(path, "rb") as f:
            data = f.read()
        return cls(_lib.call(lib.brink_ffi_game_read, data, len(data), str(path).encode()))

    def text(self, format="native"):
        """The game as text: "native" (.efg for trees, .nfg for tables), "nfg" (an extensive
        game as its reduced strategic form) or "json" (brink's JSON description)."""
        formats = {"native": 0, "nfg": 1, "json": 2}
        if format not in formats:
            raise ValueError("format must be one of native, nfg, json (got %r)" % (format,))
        fmt = formats[format]
        return _lib.take_string(_lib.call(lib.brink_ffi_game_write, self._h, fmt))

    def save(self, path, format=None):
        """Write the game to path; the format follows the suffix (.nfg, .json, else native)."""
        if format is None:
            p = str(path)
            format = "nfg" if p.endswith(".nfg") else "json" if p.endswith(".json") else "native"
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.text(format))

    # ---- what it is ----
    @property
    def kind(self):
        """ "nfg" (strategic) or "efg" (extensive)."""
        return "nfg" if lib.brink_ffi_game_kind(self._h) == NFG else "efg"

    @property
    def title(self):
        return lib.brink_ffi_game_title(self._h).decode("utf-8")

    @property
    def players(self):
        """Player names, [nplayers]."""
        return [lib.brink_ffi_game_player(self._h, p).decode("utf-8")
                for p in range(lib.brink_ffi_game_nplayers(self._h))]

    @property
    def profile_length(self):
        return lib.brink_ffi_game_profile_length(self._h)

    @property
    def labels(self):
        """Labels of the profile entries, [profile_length]: strategies (nfg), actions (efg)."""
        return [lib.brink_ffi_game_entry_label(self._h, k).decode("utf-8")
                for k in range(self.profile_length)]

    def blocks(self):
        """Sizes of each player's block of a profile, [nplayers] (plus chance's for efg)."""
        n = len(self.players) + (1 if self.kind == "efg" else 0)
        return [lib.brink_ffi_game_entries(self._h, p) for p in range(n)]

    @property
    def shape(self):
        """Strategic games: strategies per player, a tuple of nplayers ints."""
        self._need("nfg")
        return tuple(self.blocks())

    @property
    def strategies(self):
        """Strategic games: each player's strategy labels, [nplayers][nstrats[p]]."""
        self._need("nfg")
        out, k, labels = [], 0, self.labels
        for m in self.shape:
            out.append(labels[k:k + m])
            k += m
        return out

    def payoffs(self):
        """Strategic games: payoffs as doubles, an array of shape shape + (nplayers,):
        payoffs()[s1, s2, ..., p] is player p's payoff when player i plays s_i."""
        self._need("nfg")
        shape, n = self.shape, len(self.players)
        ncells = lib.brink_ffi_nfg_payoffs(self._h, None)
        buf = np.empty(ncells * n, dtype=np.float64)
        lib.brink_ffi_nfg_payoffs(self._h, buf.ctypes.data_as(ctypes.POINTER(ctypes.c_double)))
        # brink's cells vary player 1's strategy fastest (Fortran order).
        k = len(shape)
        return buf.reshape(shape[::-1] + (n,)).transpose(tuple(range(k - 1, -1, -1)) + (k,))

    def payoffs_exact(self):
        """Strategic games: the exact payoffs, an object array of Fractions with the shape of
        payoffs()."""
        self._need("nfg")
        shape, n = self.shape, len(self.players)
        out = np.empty(shape + (n,), dtype=object)
        for cell, idx in enumerate(np.ndindex(*shape[::-1])):
            st = idx[::-1]
            for p in range(n):
                out[st + (p,)] = Fraction(_lib.take_string(lib.brink_ffi_nfg_payoff(self._h, cell, p)))
        return out

    @property
    def infosets(self):
        """Extensive games: one (player, label, first action, number of actions) per
        information set; player is nplayers for chance."""
        self._need("efg")
        n = lib.brink_ffi_efg_ninfosets(self._h)
        first, count = {}, {}
        for k in range(self.profile_length):
            h = lib.brink_ffi_efg_action_infoset(self._h, k)
            first.setdefault(h, k)
            count[h] = count.get(h, 0) + 1
        return [(lib.brink_ffi_efg_infoset_player(self._h, h),
                 (lib.brink_ffi_efg_infoset_label(self._h, h) or b"").decode("utf-8"),
                 first.get(h, -1), count.get(h, 0)) for h in range(n)]

    @property
    def nnodes(self):
        self._need("efg")
        return lib.brink_ffi_efg_nnodes(self._h)

    def _need(self, kind):
        if self.kind != kind:
            raise TypeError("this needs a %s game, not %s" %
                            ("strategic" if kind == "nfg" else "extensive",
                             "a strategic one" if self.kind == "nfg" else "an extensive one"))

    def __repr__(self):
        return "<brink.Game %s %r, players %s>" % (self.kind, self.title, self.players)


def read(path):
    """Game.read(path): a Gambit .efg or .nfg file."""
    return Game.read(path)


def from_arrays(*arrays):
    """A strategic game from payoff arrays, exactly.

    Either one array per player, each of shape (n_1, ..., n_k) for k players (payoff of that
    player when player i plays strategy s_i; two arrays A, B give the bimatrix game), or one
    array of shape (n_1, ..., n_k, k). Entries may be ints, Fractions, floats (read as their
    shortest decimal: 0.1 is 1/10) or number strings ("-1/3")."""
    if len(arrays) == 1:
        arr = np.asarray(arrays[0], dtype=object)
        if arr.ndim < 2 or arr.shape[-1] != arr.ndim - 1:
            raise ValueError("one array must have shape (n_1, ..., n_k, k); got %s" % (arr.shape,))
        arrays = [arr[..., p] for p in range(arr.shape[-1])]
    arrays = [np.asarray(a, dtype=object) for a in arrays]
    k = len(arrays)
    shape = arrays[0].shape
    if any(a.shape != shape for a in arrays) or len(shape) != k:
        raise ValueError("need %d arrays of one shape with %d axes (one per player); got %s"
                         % (k, k, [a.shape for a in arrays]))
    texts = []
    for idx in np.ndindex(*shape[::-1]):   # brink's cells: player 1 fastest
        st = idx[::-1]
        for p in range(k):
            texts.append(_lib.exact_text(arrays[p][st]))
    arr, _ = _lib.strings(texts)
    ns = (ctypes.c_int * k)(*shape)
    return Game(_lib.call(lib.brink_ffi_game_table, k, ns, arr))


def generate(kind, seed=None, **params):
    """A standard game by name: kuhn, leduc, leduc-cards, crisis (extensive); uniform,
    integer, covariant, zerosum, degenerate, polymatrix (random, seeded); bos, chicken, pd,
    pennies, coordination, dispersion, travellers, attrition, bertrand, location (GAMUT).
    Parameters as keyword arguments (generate("travellers", high=20)); generators() lists
    them with their defaults (docs/generate.md)."""
    if seed is not None:
        params["seed"] = seed
    ka, va, n = _lib.options(params)
    return Game(_lib.call(lib.brink_ffi_game_generate, kind.encode(), ka, va, n))


def generators():
    """Every kind generate() knows: a list of (name, summary, options with defaults)."""
    out, i = [], 0

    class _Info(ctypes.Structure):
        _fields_ = [("name", ctypes.c_char_p), ("summary", ctypes.c_char_p),
                    ("params", ctypes.c_char_p)]
    while True:
        p = lib.brink_generator(i)
        if not p:
            return out
        info = ctypes.cast(p, ctypes.POINTER(_Info)).contents
        out.append((info.name.decode(), info.summary.decode(), info.params.decode()))
        i += 1
