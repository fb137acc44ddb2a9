#!/bin/sh
test_description='make demo: the pipeline over the demo corpus gives the frozen records'
. "$(dirname "$0")"/test-lib.sh

# demo/run writes into YQ_DEMO_DIR (here the scratch dir), never into
# the tree's demo/.  Its last stage's records are the fixture the report
# tests use (t/data/report/pipeline.ndjson, frozen from `make demo`), and
# its daily reports are the ones t6000 pins for that fixture: a change in
# any stage that moves the demo shows up here, and the fixture must then
# be refreshed on purpose (make fixtures, then read the diff).

D=$TEST_DIR/data/report

test_expect_success 'demo/run runs every stage into a scratch dir' '
	(cd "$TOP_DIR" && ls -l --full-time demo) >tree.before &&
	YQ_DEMO_DIR="$TRASH_DIR/demo" sh "$TOP_DIR/demo/run" >out 2>err &&
	test_must_be_empty out &&
	test_grep "^demo: deadline$" err &&
	test_grep "^demo: done: " err &&
	(cd "$TOP_DIR" && ls -l --full-time demo) >tree.after &&
	test_cmp tree.before tree.after
'

test_expect_success 'the final records are the frozen pipeline fixture' '
	test_cmp "$D/pipeline.ndjson" demo/out/deadline.ndjson
'

test_expect_success 'the daily reports are the ones pinned for the fixture' '
	test_cmp "$D/daily.txt" demo/report.txt &&
	test_cmp "$D/daily.md" demo/report.md
'

test_expect_success 'the html, event and assessment reports are written' '
	test_grep "^<!DOCTYPE html>" demo/report.html &&
	test_grep "<html" demo/report-event.html &&
	test -s demo/report-assess.csv
'

test_expect_success PYTHON3 'each event of the demo README is one event holding its first post and most of its posts' '
	python3 "$TEST_DIR/helper/demo-events.py" "$TEST_DIR/data/demo/README" \
		"$TEST_DIR/data/demo/posts.ndjson" demo/out/deadline.ndjson >got &&
	cat >expect <<-\EOF &&
	incinerator 41 46 first
	chem_blast 51 60 first
	school_food 31 34 first
	housing_policy 21 31 first
	bridge_rumour 28 28 first
	water_outage 23 24 first
	EOF
	test_cmp expect got
'

test_done
