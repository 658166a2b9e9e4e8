# json_close.py — for tests/cli/compact_*.sh: two JSON values equal but for numbers, which
# agree to 1e-12 (the tree's doubles against the nearest doubles of a compact game's exact
# rationals).
def close(x, y):
    if isinstance(x, float) or isinstance(y, float):
        return isinstance(x, (int, float)) and isinstance(y, (int, float)) and \
            abs(x - y) <= 1e-12 * (1 + abs(x) + abs(y))
    if isinstance(x, dict):
        return isinstance(y, dict) and x.keys() == y.keys() and all(close(x[k], y[k]) for k in x)
    if isinstance(x, list):
        return isinstance(y, list) and len(x) == len(y) and all(close(u, v) for u, v in zip(x, y))
    return x == y
