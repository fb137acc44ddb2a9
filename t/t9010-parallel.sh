#!/bin/sh
test_description='yq-seg and yq-score split by GNU parallel give the serial output byte for byte'
. "$(dirname "$0")"/test-lib.sh

P=$TEST_DIR/data/demo/posts.ndjson

if command -v parallel >/dev/null 2>&1; then
	test_set_prereq PARALLEL
fi

test_expect_success PARALLEL 'yq-seg: 8 records a job, and 16 KB blocks' '
	yq-seg -k 5 "$P" >serial &&
	parallel --pipe --keep-order -N 8 yq-seg -k 5 <"$P" >by-records &&
	test_cmp serial by-records &&
	parallel --pipe --keep-order --block 16k yq-seg -k 5 <"$P" >by-blocks &&
	test_cmp serial by-blocks
'

test_expect_success PARALLEL 'yq-score: 8 records a job, and 16 KB blocks' '
	yq-score --places "$TEST_DIR/data/demo/places.tsv" serial >scored &&
	parallel --pipe --keep-order -N 8 yq-score --places "$TEST_DIR/data/demo/places.tsv" \
		<serial >by-records &&
	test_cmp scored by-records &&
	parallel --pipe --keep-order --block 16k yq-score --places "$TEST_DIR/data/demo/places.tsv" \
		<serial >by-blocks &&
	test_cmp scored by-blocks
'

test_expect_success PARALLEL 'a bad line is reported by its job (line within the block); the rest pass' '
	{ head -n 20 "$P"; echo "{broken"; tail -n 20 "$P"; } >in &&
	test_expect_code 1 parallel --halt never --pipe --keep-order -N 10 yq-seg <in >out 2>err &&
	test_line_count = 40 out &&
	test_grep "^yq-seg: -:1: invalid JSON" err
'

test_done
