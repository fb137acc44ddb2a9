#!/bin/sh
test_description='the EXAMPLES of yq-fetch(1) run, the HTTP ones against the test server'
. "$(dirname "$0")"/test-lib.sh
. "$TEST_DIR"/lib/httpd.sh

D=$TEST_DIR/data/fetch
PAGE=$TOP_DIR/man/yq-fetch.1

# Every "$ yq-fetch ..." line of EXAMPLES, from .Dl lines and literal
# blocks, with the man escapes undone.
extract() {
	awk '
	/^\.Sh / { ex = ($2 == "EXAMPLES") }
	!ex { next }
	{ line = $0; sub(/^\.Dl /, "", line) }
	line ~ /^\$ yq-fetch / {
		gsub(/\\-/, "-", line); gsub(/\\&/, "", line); gsub(/\\e/, "\\", line)
		print substr(line, 3)
	}' "$1"
}

test_expect_success PYTHON3 'start the test server' '
	start_httpd "$D/www"
'

test_expect_success PYTHON3 'the examples are there' '
	extract "$PAGE" >examples &&
	test_line_count -ge 7 examples
'

n=0
while IFS= read -r ex; do
	n=$((n + 1))
	test_expect_success PYTHON3 "example $n: $ex" '
		rm -rf run && mkdir run &&
		cp "$D/www/feeds/rss2.xml" "$D/www/pages/article1.html" \
			"$D/archive.warc.gz" "$D/posts-custom.csv" "$D/posts.json" run/ &&
		cp -R "$TEST_DIR"/data/demo/. "$TEST_DIR"/data/platform/. run/ 2>/dev/null
		printf "%s\n" "$HTTPD/feeds/rss2.xml 沄江日报 news" "$HTTPD/feeds/atom.xml" >run/feeds.txt &&
		cmd=$(printf "%s\n" "$ex" | sed "s|http://127.0.0.1:8080|$HTTPD|g") &&
		(cd run && eval "$cmd" >out 2>err) &&
		test_must_be_empty run/err
	'
done <<EOF
$(extract "$PAGE")
EOF

test_expect_success PYTHON3 'stop the test server' '
	stop_httpd
'

test_done
