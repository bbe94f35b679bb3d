#!/bin/sh
# Records the expected output of every regression program from the real
# interpreter: each NAME.py runs as main.py in an empty directory with
# /usr/bin/python3, stdout and stderr together, into NAME.out.
# Usage: sh testdata/regress/record.sh   (from sim/python)
set -e
here=$(cd "$(dirname "$0")" && pwd)
for py in "$here"/*.py; do
	tmp=$(mktemp -d)
	cp "$py" "$tmp/main.py"
	(cd "$tmp" && /usr/bin/python3 -W ignore main.py >out.txt 2>&1 || true)
	# CPython names the script by its absolute path; the simulator says main.py.
	sed "s|$tmp/main.py|main.py|g" "$tmp/out.txt" >"${py%.py}.out"
	rm -rf "$tmp"
done
