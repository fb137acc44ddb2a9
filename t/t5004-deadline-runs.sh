#!/bin/sh
test_description='yq-deadline over runs: each post counted once, whatever the batches'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/deadline
NOW="--now 2026-11-23T00:00:00+08:00"

# deadline DB FILE: one run of yq-deadline over FILE with state DB
# (exit 1, something overdue, is a run that went well).
deadline() {
	yq-deadline --db "$1" --only-events $NOW "$2" >/dev/null 2>err
	test $? -le 1 && test_must_be_empty err
}
# counted DB: each event's posts as the state counts them.
counted() {
	sqlite3 "$1" "SELECT event_id, posts FROM deadline_events ORDER BY event_id"
}

test_expect_success 'one run: each event counts its posts' '
	deadline one.db "$D/demo.ndjson" &&
	counted one.db >one &&
	cat >expect <<-\EOF &&
	bridge_rumour|28
	chem_blast|60
	housing_policy|31
	incinerator|46
	noise|77
	school_food|34
	water_outage|24
	EOF
	test_cmp expect one
'

test_expect_success 'the same posts again count nothing' '
	deadline one.db "$D/demo.ndjson" &&
	counted one.db >got && test_cmp one got
'

test_expect_success 'the posts in three runs, or in runs that overlap: the same counts' '
	sed -n "1,100p" "$D/demo.ndjson" >a &&
	sed -n "101,200p" "$D/demo.ndjson" >b &&
	sed -n "201,300p" "$D/demo.ndjson" >c &&
	deadline split.db a && deadline split.db b && deadline split.db c &&
	counted split.db >got && test_cmp one got &&
	sed -n "1,180p" "$D/demo.ndjson" >x &&
	sed -n "120,300p" "$D/demo.ndjson" >y &&
	deadline overlap.db x && deadline overlap.db y && deadline overlap.db x &&
	counted overlap.db >got && test_cmp one got
'

test_expect_success 'a post yq-cluster moved to another event counts there, not twice' '
	jq -c "if .event_id == \"noise\" then .event_id = \"water_outage\" else . end" \
		"$D/demo.ndjson" >moved &&
	deadline overlap.db moved &&
	counted overlap.db >got &&
	sed -e "s/^noise|77/noise|0/" -e "s/^water_outage|24/water_outage|101/" one >expect &&
	test_cmp expect got
'

test_done
