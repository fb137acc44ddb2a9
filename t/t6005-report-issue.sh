#!/bin/sh
test_description='yq-report with the state store: issue numbers (期号), once a period'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/report

# daily [NOW]: the daily briefing from the store at NOW; its issue.
daily() {
	yq-report daily --db s.db --now "$1" -f json </dev/null >out.json &&
	jq -c .issue out.json
}

test_expect_success 'the first report of a day is number 1; remade all day, it stays 1' '
	yq-report daily --db s.db --now 2026-11-23T00:00:00+08:00 -f json \
		"$D/pipeline.ndjson" >out.json 2>err &&
	test_must_be_empty err &&
	jq -c .issue out.json >got &&
	echo "{\"number\":1,\"period\":\"2026-11-22\",\"year\":2026}" >expect &&
	test_cmp expect got &&
	daily 2026-11-22T08:10:00+08:00 >got && test_cmp expect got
'

test_expect_success 'the next day takes the next number, and keeps it through the day' '
	echo "{\"number\":2,\"period\":\"2026-11-23\",\"year\":2026}" >expect &&
	daily 2026-11-23T00:10:00+08:00 >got && test_cmp expect got &&
	daily 2026-11-23T23:50:00+08:00 >got && test_cmp expect got &&
	daily 2026-11-24T00:00:00+08:00 >got && test_cmp expect got
'

test_expect_success 'a day reported again (a re-run after a crash) keeps its number' '
	echo "{\"number\":1,\"period\":\"2026-11-22\",\"year\":2026}" >expect &&
	daily 2026-11-22T20:00:00+08:00 >got && test_cmp expect got
'

test_expect_success 'a report that is not written takes no number' '
	test_expect_code 3 yq-report daily --db s.db --now 2026-11-25T09:00:00+08:00 \
		-o nowhere/now.html </dev/null 2>err &&
	echo "yq-report: cannot create '"'"'nowhere/now.html'"'"': No such file or directory" >expect &&
	test_cmp expect err &&
	echo "{\"number\":3,\"period\":\"2026-11-26\",\"year\":2026}" >expect &&
	daily 2026-11-26T09:00:00+08:00 >got && test_cmp expect got
'

test_expect_success 'each kind counts apart; a new year starts at 1' '
	yq-report assess --db s.db --now 2026-11-23T00:00:00+08:00 -f json </dev/null >a.json &&
	yq-report event E596e --db s.db --now 2026-11-23T00:00:00+08:00 -f json </dev/null >e.json &&
	yq-report event E596e --db s.db --now 2026-11-24T00:00:00+08:00 -f json </dev/null >e2.json &&
	jq -c .issue a.json e.json e2.json >got &&
	cat >expect <<-\EOF &&
	{"number":1,"period":"2026-10-24..2026-11-22","year":2026}
	{"number":1,"period":"E596e","year":2026}
	{"number":1,"period":"E596e","year":2026}
	EOF
	test_cmp expect got &&
	echo "{\"number\":1,\"period\":\"2027-01-01\",\"year\":2027}" >expect &&
	daily 2027-01-01T09:00:00+08:00 >got && test_cmp expect got
'

test_expect_success 'without the state store: no number' '
	yq-report daily --no-state --now 2026-11-23T00:00:00+08:00 -f json \
		"$D/pipeline.ndjson" >out.json &&
	jq -c .issue out.json >got && echo null >expect && test_cmp expect got
'

test_done
