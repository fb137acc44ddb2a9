#!/bin/sh
test_description='every EXAMPLE in the man pages runs'
. "$(dirname "$0")"/test-lib.sh

# Commands in EXAMPLES are the lines of .Bd -literal blocks that start
# with "$ "; a line ending in \e goes on on the next.  Each runs with sh
# in a scratch directory holding the files of t/data/man-examples/ (and
# the demo corpus), and must exit 0, or 1 where a tool documents 1 as its
# "found something" status; 2 and above (usage, input, I/O) fail.
extract() {
	awk '
	/^\.Sh / { ex = ($2 == "EXAMPLES") }
	ex && /^\.Bd -literal/ { lit = 1; cmd = ""; cont = 0; next }
	ex && /^\.Ed/ {
		lit = 0
		if (cmd != "") { print cmd; print "\036" }
		next
	}
	ex && lit {
		line = $0
		gsub(/\\e/, "\\", line); gsub(/\\-/, "-", line); gsub(/\\&/, "", line)
		if (cont) { cmd = cmd "\n" line }
		else if (line ~ /^\$ /) { cmd = (cmd == "" ? "" : cmd "\n") substr(line, 3) }
		else next
		cont = (line ~ /\\$/)
	}' "$1"
}

# A mail(1) that keeps what it is given, for the examples that mail.
mkdir -p "$TRASH_DIR/stub" &&
printf '%s\n' '#!/bin/sh' 'cat >>mailed' >"$TRASH_DIR/stub/mail" &&
chmod +x "$TRASH_DIR/stub/mail" &&
PATH=$PATH:$TRASH_DIR/stub

setup_dir() {
	rm -rf "$1" && mkdir -p "$1" &&
	cp -R "$TEST_DIR"/data/demo/. "$1"/ 2>/dev/null
	cp -R "$TEST_DIR"/data/man-examples/. "$1"/ 2>/dev/null
	return 0
}

for page in "$TOP_DIR"/man/*.1 "$TOP_DIR"/man/*.5 "$TOP_DIR"/man/*.7; do
	test -f "$page" || continue
	name=$(basename "$page")
	# A tool with an example test of its own (servers, fixtures) runs it there.
	short=${name%.*}
	short=${short#yq-}
	ls "$TEST_DIR"/t[0-9]*-"$short"-man-examples.sh >/dev/null 2>&1 && continue
	extract "$page" >"$TRASH_DIR/cmds.$name"
	n=0
	# Split the extracted commands on the record separator.
	awk 'BEGIN { RS = "\036\n" } NF { f = sprintf("%s/ex.%s.%d", d, p, ++n); printf "%s", $0 > f; close(f) }' \
		d="$TRASH_DIR" p="$name" "$TRASH_DIR/cmds.$name"
	for ex in "$TRASH_DIR"/ex."$name".*; do
		test -f "$ex" || continue
		n=$((n + 1))
		test_expect_success "$name example $n: $(head -n 1 "$ex")" '
			setup_dir "$TRASH_DIR/run" &&
			(cd "$TRASH_DIR/run" && sh -e "$ex" >out 2>err; st=$?;
			 test $st -le 1 || { cat err >&2; exit 1; })
		'
	done
done

test_done
