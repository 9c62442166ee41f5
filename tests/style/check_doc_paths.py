"""Every path of the project that a document names in `backticks` exists, so the map in docs/ stays true when
files move. Paths are named from the repository root (`plugin/core/cursor/cursor.cpp`) or, inside the core, from
plugin/core (`cursor/cursor.cpp`); bare file names and other projects' files are not checked."""
import os
import re
import sys

root = os.environ.get("DEFENDER_SOURCE_DIR") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
project_folders = ("plugin", "formatters", "model", "tools", "tests", "scripts", "bench", "config", "docs", "packaging")
core = os.path.join(root, "plugin", "core")
core_folders = tuple(sorted(d for d in os.listdir(core) if os.path.isdir(os.path.join(core, d))))


def documents():
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "build" and not d.startswith("build-")]
        for name in files:
            if name.endswith(".md"):
                yield os.path.join(folder, name)


def named_path(token):
    path = re.sub(r"[(#].*$", "", token).rstrip(":,.")
    if "*" in path or "<" in path or "{" in path or "/" not in path:
        return None
    first = path.split("/", 1)[0]
    if first in project_folders:
        return os.path.join(root, path)
    if first in core_folders:
        return os.path.join(core, path)
    return None


missing = []
checked = 0
for document in sorted(documents()):
    with open(document, encoding="utf-8") as text:
        for number, line in enumerate(text, 1):
            for token in re.findall(r"`([^`\s]+)`", line):
                path = named_path(token)
                if path is None:
                    continue
                checked += 1
                if not os.path.exists(path):
                    missing.append(f"{os.path.relpath(document, root)}:{number}: `{token}` names no file or folder")

if missing:
    print("\n".join(missing))
    print(f"{len(missing)} of {checked} paths named in the documents do not exist: update the documents")
    sys.exit(1)
print(f"all {checked} paths named in the documents exist")
