#!/usr/bin/env bash
# Print the path of a working Python 3.12 interpreter, or explain what to do and fail.
is_312() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 12) else 1)' >/dev/null 2>&1; }

candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
candidates+=(python3.12)
pyenv_root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
for dir in $(ls -d "$pyenv_root"/versions/3.12* 2>/dev/null | sort -rV); do
  candidates+=("$dir/bin/python3.12")
done
candidates+=(/usr/local/bin/python3.12 /usr/bin/python3.12 python3)

for candidate in "${candidates[@]}"; do
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if is_312 "$path"; then
    # A pyenv shim resolves to the real interpreter; print that one.
    "$path" -c 'import sys; print(sys.executable)'
    exit 0
  fi
done
echo "No Python 3.12 found. Install one (pyenv install 3.12, or apt-get install python3.12)," >&2
echo "or name it: make run PYTHON=/path/to/python3.12" >&2
exit 1
