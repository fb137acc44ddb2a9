#!/bin/sh
test_description='valgrind memcheck over the demo pipeline: no error, no leak'
. "$(dirname "$0")"/test-lib.sh

DEMO=$TEST_DIR/data/demo
NOW="--now 2026-11-23T00:00:00+08:00"

# Not under the sanitizers' build (ASan and valgrind do not mix); JIT off
# (see common/jit.h).
if command -v valgrind >/dev/null 2>&1 && ! ldd "$(command -v yq-seg)" | grep -q asan; then
	test_set_prereq VALGRIND
fi
YQ_NO_JIT=1
export YQ_NO_JIT
vg() {
	valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
		--log-file=vg.log "$@"
	st=$?
	if test -s vg.log; then
		cat vg.log >&2
		return 99
	fi
	return $st
}

test_expect_success VALGRIND 'yq-fetch: WARC, GBK CSV, JSON; with state' '
	vg yq-fetch --db s.db $NOW -o posts.ndjson "$DEMO/crawl.warc.gz" "$DEMO/weibo.csv" &&
	vg yq-fetch --no-state $NOW -p wechat --type json \
		--map title=标题,text=内容,author=作者,published_at=发布时间,url=链接 \
		"$DEMO/wechat.json" >>posts.ndjson &&
	test_line_count = 300 posts.ndjson
'

test_expect_success VALGRIND 'yq-seg, yq-score with rules' '
	vg yq-seg -k 5 --pos posts.ndjson >seg.ndjson &&
	vg yq-score --places "$DEMO/places.tsv" --rules "$TEST_DIR/data/man-examples/rules.conf" \
		seg.ndjson >scored.ndjson &&
	test_line_count = 300 scored.ndjson
'

test_expect_success VALGRIND 'yq-cluster with state, then a second run and a merge' '
	vg yq-cluster --db s.db $NOW --events scored.ndjson >clustered.ndjson &&
	vg yq-cluster --db s.db $NOW --events scored.ndjson >again.ndjson &&
	vg yq-cluster --merge --db m.db $NOW s.db >merged.ndjson
'

test_expect_success VALGRIND 'yq-deadline with state and --explain; the ledger' '
	{ vg yq-deadline --db s.db $NOW --explain --places "$DEMO/places.tsv" \
		clustered.ndjson >deadline.ndjson; test $? = 1; } &&
	e=$(jq -r "select(.kind == \"event\") | .event_id" deadline.ndjson | head -n 1) &&
	vg yq-deadline answer "$e" --db s.db --at "2026-11-22 18:00" --form statement \
		--by 某局 >id &&
	vg yq-deadline answers --db s.db >answers.ndjson &&
	vg yq-deadline mark "$e" --as watch --reason 试 --db s.db $NOW >id &&
	vg yq-deadline split "$e" --post nope --reason 试 --db s.db $NOW >id &&
	vg yq-deadline undo 1 --db s.db $NOW >id &&
	vg yq-deadline corrections --all --db s.db >trail.ndjson &&
	{ vg yq-deadline digest --db s.db $NOW >digest.txt; test $? -le 1; }
'

test_expect_success VALGRIND 'yq-report: daily html, event md, assess csv' '
	vg yq-report daily --db s.db $NOW -f html -o r.html deadline.ndjson &&
	e=$(jq -r "select(.kind == \"event\") | .event_id" deadline.ndjson | head -n 1) &&
	vg yq-report event "$e" --no-state $NOW -f md deadline.ndjson >e.md &&
	vg yq-report assess --no-state $NOW -f csv deadline.ndjson >a.csv
'

test_expect_success VALGRIND 'yq-explore: a script of queries' '
	printf "grep 爆炸\ncount by platform\nevents\ntop 3 heat\nexport x.ndjson\n" >q &&
	vg yq-explore -f q clustered.ndjson >out
'

test_done
