#!/bin/sh
test_description='crash safety from cron: killed at any point, rerun; every item comes out once'
. "$(dirname "$0")"/test-lib.sh

NOW="--now 2026-11-23T00:00:00+08:00"
DEMO=$TEST_DIR/data/demo

# The cron job: new items of growing exports go to out.N through the
# pipeline; a run may be killed (SIGKILL) anywhere.  YQ_CRASH_AT names a
# point for yq-fetch: records:N (after N records written), journal
# (output fsynced and noted, not committed), commit (committed, not yet
# renamed), rename (renamed, note not yet dropped).
test_expect_success 'set up: 9,000 items arriving in nine exports' '
	python3 -c "
for part in range(9):
    with open(\"part%d.csv\" % part, \"w\", encoding=\"utf-8\") as f:
        f.write(\"正文,链接,发布时间\\n\")
        for i in range(part * 1000, (part + 1) * 1000):
            f.write(\"北溪区第%d条,https://e.example.cn/%d,2026-11-22 %02d:%02d\\n\" % (i, i, i % 24, i % 60))
" &&
	head -n 1 part0.csv >in.csv
'

test_expect_success 'each cron run brings 1,000 items and is killed: after 1, 255, 256, 257, 999 records, at journal, commit, rename' '
	i=0 &&
	for point in records:1 records:255 journal records:256 commit records:257 rename records:999 commit; do
		tail -n +2 part$i.csv >>in.csv &&
		{ YQ_CRASH_AT=$point yq-fetch --db s.db $NOW -o out.$i in.csv 2>>errs
		  test $? = 137 || return 1; } &&
		i=$((i + 1))
	done &&
	yq-fetch --db s.db $NOW -o out.last in.csv 2>>errs &&
	for f in out.0 out.1 out.2 out.3 out.4 out.5 out.6 out.7 out.8 out.last; do
		! test -f $f || cat $f
	done | jq -r .id >ids &&
	test_line_count = 9000 ids &&
	sort ids | uniq -d >dups && test_must_be_empty dups &&
	test_grep "killed after its commit, put in place" errs &&
	sqlite3 s.db "select count(*) from fetch_outputs" >n && echo 0 >expect && test_cmp expect n
'

test_expect_success 'killed at random moments while reading a big export; the state stays sound' '
	python3 -c "
import sys
with open(\"big.csv\", \"w\", encoding=\"utf-8\") as f:
    f.write(\"正文,链接\\n\")
    for i in range(40000): f.write(\"第%d条,https://big.example.cn/%d\\n\" % (i, i))
" &&
	for delay in 0.05 0.1 0.15 0.2 0.3 0.4; do
		yq-fetch --db b.db $NOW -o "big.$delay" big.csv 2>/dev/null &
		pid=$! && sleep $delay && kill -9 $pid 2>/dev/null; wait $pid; true
	done &&
	yq-fetch --db b.db $NOW -o big.last big.csv &&
	for f in big.0.05 big.0.1 big.0.15 big.0.2 big.0.3 big.0.4 big.last; do
		! test -f $f || cat $f
	done | jq -r .id >ids &&
	test_line_count = 40000 ids &&
	sort ids | uniq -d >dups && test_must_be_empty dups &&
	sqlite3 b.db "PRAGMA integrity_check" >check && echo ok >expect && test_cmp expect check
'

test_expect_success 'the whole demo pipeline killed mid-way from cron: rerun gives the same events' '
	run_pipe() {
		yq-fetch --db p.db $NOW -o posts.ndjson "$DEMO/crawl.warc.gz" "$DEMO/weibo.csv" &&
		yq-seg posts.ndjson | yq-score --places "$DEMO/places.tsv" |
			yq-cluster --db p.db $NOW --events >clustered.ndjson &&
		{ yq-deadline --db p.db $NOW --only-events --places "$DEMO/places.tsv" \
			clustered.ndjson >events.ndjson || test $? = 1; }
	} &&
	{ YQ_CRASH_AT=records:100 yq-fetch --db p.db $NOW -o posts.ndjson "$DEMO/crawl.warc.gz" \
		"$DEMO/weibo.csv"; test $? = 137; } &&
	run_pipe && jq -r "[.event_id, .response.status] | @tsv" events.ndjson | sort >killed &&
	rm -f p.db* posts.ndjson && run_pipe &&
	jq -r "[.event_id, .response.status] | @tsv" events.ndjson | sort >clean &&
	test_cmp clean killed &&
	sqlite3 p.db "PRAGMA integrity_check" >check && echo ok >expect && test_cmp expect check
'

test_expect_success 'two pipelines at once on one state: both finish, no item from both' '
	for k in a b; do
		{ yq-fetch --db o.db $NOW "$DEMO/weibo.csv" "$DEMO/crawl.warc.gz" |
			yq-seg | yq-cluster --db o.db $NOW >pipe.$k; echo $? >rc.$k; } &
	done &&
	wait &&
	echo 0 >expect && test_cmp expect rc.a && test_cmp expect rc.b &&
	cat pipe.a pipe.b | jq -r .id >ids &&
	test_line_count = 291 ids &&
	sort ids | uniq -d >dups && test_must_be_empty dups
'

test_done
