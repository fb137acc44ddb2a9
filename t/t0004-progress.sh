#!/bin/sh
test_description='the progress line: on a terminal only, cleared before a message, none with -q'
. "$(dirname "$0")"/test-lib.sh

# on-pty.py gives the tool a terminal for stderr and keeps every byte it
# wrote there; YQ_PROGRESS_MS=0 redraws at every record, so the line is
# drawn the same way every run; show-pty.py makes it readable.
show() {
	python3 "$TEST_DIR/helper/show-pty.py" "$1"
}
printf '{"id":"1","text":"一"}\n{"id":"2","text":"二"}\nnot json\n{"id":"3","text":"三"}\n' >in.ndjson

test_expect_success 'yq-seg on a terminal: the count, and the line cleared before the error' '
	test_expect_code 2 env YQ_PROGRESS_MS=0 \
		python3 "$TEST_DIR/helper/on-pty.py" pty yq-seg in.ndjson >out &&
	show pty >got &&
	cat >expect <<-\EOF &&
	[CR]yq-seg: 1 records, N/s, 0 bad[ESC][K
	[CR]yq-seg: 2 records, N/s, 0 bad[ESC][K
	[CR][ESC][Kyq-seg: in.ndjson:3: invalid JSON: '"'"'['"'"' or '"'"'{'"'"' expected near '"'"'not'"'"' (column 3)
	[CR]yq-seg: 2 records, N/s, 1 bad[ESC][K
	[CR]yq-seg: 3 records, N/s, 1 bad[ESC][K
	[CR][ESC][K
	EOF
	test_cmp expect got &&
	test_line_count = 3 out
'

test_expect_success '-q: no progress line, the error alone' '
	test_expect_code 2 env YQ_PROGRESS_MS=0 \
		python3 "$TEST_DIR/helper/on-pty.py" pty yq-seg -q in.ndjson >out &&
	show pty >got &&
	cat >expect <<-\EOF &&
	yq-seg: in.ndjson:3: invalid JSON: '"'"'['"'"' or '"'"'{'"'"' expected near '"'"'not'"'"' (column 3)
	EOF
	test_cmp expect got
'

test_expect_success 'stderr to a file: the error alone, whatever YQ_PROGRESS_MS says' '
	test_expect_code 2 env YQ_PROGRESS_MS=0 yq-seg in.ndjson >out 2>err &&
	echo "yq-seg: in.ndjson:3: invalid JSON: '"'"'['"'"' or '"'"'{'"'"' expected near '"'"'not'"'"' (column 3)" >expect &&
	test_cmp expect err
'

test_expect_success 'every tool that reads records draws the same line' '
	echo "{\"id\":\"1\",\"text\":\"一\",\"published_at\":\"2026-11-22T10:00:00+08:00\"}" |
		yq-seg | yq-score >scored.ndjson &&
	now="--now 2026-11-23T00:00:00+08:00" &&
	for tool in "yq-score" "yq-cluster --no-state $now" \
	    "yq-deadline --no-state $now" "yq-report --no-state $now"; do
		env YQ_PROGRESS_MS=0 python3 "$TEST_DIR/helper/on-pty.py" pty \
			$tool scored.ndjson >out || return 1
		show pty | sed -n 1p
	done >got &&
	cat >expect <<-\EOF &&
	[CR]yq-score: 1 records, N/s, 0 bad[ESC][K
	[CR]yq-cluster: 1 records, N/s, 0 bad[ESC][K
	[CR]yq-deadline: 1 records, N/s, 0 bad[ESC][K
	[CR]yq-report: 1 records, N/s, 0 bad[ESC][K
	EOF
	test_cmp expect got
'

test_done
