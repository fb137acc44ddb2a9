#!/bin/sh
test_description='yq-run: the cron job as one run, effectively once'
. "$(dirname "$0")"/test-lib.sh

NOW="--now 2026-11-23T00:00:00+08:00"
DEMO=$TEST_DIR/data/demo

# The cron job over state s.db, appending to the archive a.ndjson; the
# posts' ids of the archive in ids, sorted.
cron() {
	yq-run --db s.db --append a.ndjson -- "yq-fetch $NOW in.csv" yq-seg \
		yq-score "yq-cluster --converge 0 --events $NOW" "$@"
}
archived() {
	jq -r "select(.kind != \"event\") | .id" a.ndjson | sort >ids
}

test_expect_success 'usage: --help, --version, no command, a bad --wait' '
	yq-run --help >out && head -n 1 out >got &&
	echo "usage: yq-run [options] command ..." >expect && test_cmp expect got &&
	yq-run --version >got && echo "yq-run (yq) 0.1.0" >expect && test_cmp expect got &&
	test_expect_code 2 yq-run 2>err && head -n 1 err >got &&
	echo "usage: yq-run [options] command ..." >expect && test_cmp expect got &&
	test_expect_code 2 yq-run --wait soon true 2>err &&
	echo "yq-run: --wait wants a duration: '"'"'soon'"'"'" >expect && test_cmp expect err
'

test_expect_success PYTHON3 'set up: 3,000 posts, some megabytes through each pipe' '
	python3 "$TOP_DIR/bench/crash/gen.py" 1 3000 . && mv part1.csv big.csv &&
	cp big.csv in.csv
'

test_expect_success 'yq-fetch killed after 300 records: the run stays open, nothing archived' '
	{ YQ_CRASH_AT=records:300 cron 2>err; test $? = 3; } &&
	echo "yq-run: '"'"'exec yq-fetch $NOW in.csv'"'"' was killed by signal 9: the run stays open" >expect &&
	sed "s/exec //" expect >expect.1 && sed "s/exec //" err >got &&
	test_cmp expect.1 got && ! test -e a.ndjson &&
	sqlite3 s.db "SELECT count(*) FROM run_pending" >got &&
	echo 512 >expect && test_cmp expect got
'

test_expect_success 'the next run writes the pending records first; each post is archived once' '
	cron 2>err &&
	echo "yq-fetch: 512 records of a run that did not finish, written again" >expect &&
	test_cmp expect err &&
	archived && test_line_count = 3000 ids && uniq -d ids >dups && test_must_be_empty dups &&
	sqlite3 s.db "SELECT count(*) FROM run_pending; SELECT sum(posts) FROM cluster_events;
		SELECT count(*) FROM run_log WHERE closed IS NULL" >got &&
	printf "0\n3000\n0\n" >expect && test_cmp expect got
'

test_expect_success 'a run with nothing new appends nothing and counts nothing' '
	cp a.ndjson before && cron 2>err && test_must_be_empty err &&
	test_cmp before a.ndjson &&
	sqlite3 s.db "SELECT sum(posts) FROM cluster_events" >got &&
	echo 3000 >expect && test_cmp expect got
'

# The last stage dies a second after all its output, once the stages
# before it have ended (yq-run kills the others when one dies).
test_expect_success 'the last stage dies after all its output: the run is repeated, not doubled' '
	sed -n "2,501s,crash.example.cn/,late.example.cn/,p" big.csv >>in.csv &&
	test_expect_code 3 cron "cat; sleep 1; kill -9 \$\$" 2>err &&
	echo "yq-run: '"'"'cat; sleep 1; kill -9 \$\$'"'"' was killed by signal 9: the run stays open" >expect &&
	test_cmp expect err && test_cmp before a.ndjson &&
	sqlite3 s.db "SELECT sum(posts) FROM cluster_events" >got &&
	echo 3500 >expect && test_cmp expect got &&
	cron 2>err &&
	echo "yq-fetch: 500 records of a run that did not finish, written again" >expect &&
	test_cmp expect err &&
	archived && test_line_count = 3500 ids && uniq -d ids >dups && test_must_be_empty dups &&
	sqlite3 s.db "SELECT sum(posts) FROM cluster_events" >got &&
	echo 3500 >expect && test_cmp expect got
'

test_expect_success 'killed as it closes, before or after appending: the next run finishes it once' '
	for point in closing appended; do
		sed "1d; s,crash.example.cn/,$point.example.cn/," big.csv >>in.csv &&
		{ YQ_CRASH_AT=$point cron 2>err; test $? = 137 || return 1; } &&
		cron 2>err &&
		echo "yq-run: a.ndjson: output of a run killed as it closed, appended" >expect &&
		test_cmp expect err || return 1
	done &&
	archived && test_line_count = 9500 ids && uniq -d ids >dups && test_must_be_empty dups &&
	ls a.ndjson.*.tmp 2>/dev/null >left; test_must_be_empty left
'

test_expect_success 'yq-run killed: the next run removes its temporary file and repeats it once' '
	sed -n "2,501s,crash.example.cn/,orphan.example.cn/,p" big.csv >>in.csv &&
	yq-run --db s.db --append a.ndjson -- "yq-fetch $NOW in.csv" yq-seg \
		yq-score "yq-cluster --converge 0 --events $NOW" "sleep 2; exec cat" &
	sleep 1 && kill -9 $! && { wait $!; test $? = 137; } &&
	ls a.ndjson.*.tmp >left && test_line_count = 1 left &&
	cron 2>err &&
	cat >expect <<-EOF &&
	yq-run: $(cat left): output of a run killed before it closed, removed
	yq-fetch: 500 records of a run that did not finish, written again
	EOF
	test_cmp expect err && ! test -e "$(cat left)" &&
	archived && test_line_count = 10000 ids && uniq -d ids >dups && test_must_be_empty dups
'

test_expect_success 'runs closed more than 7 days ago are forgotten' '
	sqlite3 s.db "UPDATE run_log SET closed = closed - 8 * 86400, started = started - 8 * 86400 WHERE rowid IN (SELECT rowid FROM run_log ORDER BY rowid LIMIT 3);
		SELECT count(*) FROM run_log" >before &&
	yq-run --db s.db -- true &&
	sqlite3 s.db "SELECT count(*) FROM run_log" >got &&
	echo $(($(cat before) - 3 + 1)) >expect && test_cmp expect got
'

test_expect_success 'a stage that skips bad input closes the run with its status' '
	printf "{\"id\":\"x\",\"text\":\"好\"}\nnot json\n" >bad.ndjson &&
	test_expect_code 2 yq-run --db s.db -- "cat bad.ndjson" yq-seg >out 2>err &&
	echo "yq-seg: -:2: invalid JSON: '"'"'['"'"' or '"'"'{'"'"' expected near '"'"'not'"'"' (column 3)" >expect &&
	test_cmp expect err &&
	sqlite3 s.db "SELECT count(*) FROM run_log WHERE closed IS NULL" >got &&
	echo 0 >expect && test_cmp expect got
'

test_expect_success 'a stage that fails: the others are killed at once, nothing after it goes on' '
	start=$(date +%s) &&
	test_expect_code 3 yq-run --db k.db -- "sleep 0.3; exit 3" "sleep 5; touch late" 2>err &&
	took=$(($(date +%s) - start)) &&
	echo "yq-run: '"'"'sleep 0.3; exit 3'"'"' exited with 3: the run stays open" >expect &&
	test_cmp expect err && test $took -lt 4 && sleep 1 && ! test -e late
'

test_expect_success 'another run holding the state: refused after --wait, nothing started' '
	flock s.db.run.lock sleep 3 &
	sleep 0.3 &&
	test_expect_code 3 yq-run --db s.db --wait 1 -- "touch started" 2>err &&
	echo "yq-run: state busy for 1 s: another run holds it" >expect &&
	test_cmp expect err && ! test -e started && wait
'

test_expect_success 'a tool waits for the state as long as YQ_STATE_WAIT says, then says so' '
	flock s.db.cluster.lock sleep 3 &
	sleep 0.3 &&
	test_expect_code 3 env YQ_STATE_WAIT=1 yq-cluster --db s.db $NOW </dev/null 2>err &&
	echo "yq-cluster: state: state busy for 1 s: another run holds it" >expect &&
	test_cmp expect err && wait
'

# The README's pipeline (status 1: an answer overdue, a run that went
# well), 20,000 posts a run, megabytes through every pipe; 5,000 in the
# sanitizers' pass of make check (still far beyond a pipe's buffer), which
# runs four times slower.
case $YQ_BUILD in
*/san) per_run=5000 ;;
*) per_run=20000 ;;
esac

test_expect_success PYTHON3 "four overlapping runs of $per_run posts each: all in turn, nothing lost or doubled" '
	mkdir four && (cd four && python3 "$TOP_DIR/bench/crash/gen.py" 4 $per_run .) &&
	start=$(date +%s) &&
	for k in 1 2 3 4; do
		{ yq-run --db f.db --wait 300 --append f.ndjson -- \
			"yq-fetch $NOW four/part$k.csv" yq-seg yq-score \
			"yq-cluster --events $NOW" "yq-deadline $NOW" 2>f$k.err
		echo $? >f$k.st; } &
	done &&
	wait && took=$(($(date +%s) - start)) &&
	cat f1.st f2.st f3.st f4.st >st &&
	awk "{ print (\$1 <= 1 ? \"well\" : \$1) }" st >got &&
	printf "well\nwell\nwell\nwell\n" >expect && test_cmp expect got &&
	cat f1.err f2.err f3.err f4.err >err && test_must_be_empty err &&
	test $took -lt 300 &&
	jq -r "select(.kind != \"event\") | .id" f.ndjson | sort >ids &&
	test_line_count = $((4 * per_run)) ids && uniq -d ids >dups && test_must_be_empty dups &&
	sqlite3 f.db "SELECT sum(posts) FROM cluster_events; SELECT sum(posts) FROM deadline_events;
		SELECT count(*) FROM run_pending; PRAGMA integrity_check" >got &&
	printf "%d\n%d\n0\nok\n" $((4 * per_run)) $((4 * per_run)) >expect && test_cmp expect got
'

test_done
