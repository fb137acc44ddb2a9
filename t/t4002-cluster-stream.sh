#!/bin/sh
test_description='yq-cluster --stream: events written once final, then forgotten; yq-deadline answers them there'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/cluster
S=$D/stream.ndjson
NOW="--now 2026-11-22T00:00:00+08:00"
row='[.kind, .id, .event_id, .dup_of, .posts] | @json'
# A run's records as --stream writes them: posts with the id of the event
# they ended in, no aliases (the rest as jq writes it).
resolved() {
	jq -c -s '(map(select(.kind == "event") | .event_id as $e |
		(.aliases // [])[] | {key: ., value: $e}) | from_entries) as $m |
		.[] | if .kind == "event" then del(.aliases)
		else .event_id |= ($m[.] // .) end' "$@"
}

# Three stories ten days apart (the window is 3 days: an event is final
# two windows after its last post), and r1, on day 10, reposting a1 of
# day 0.  a2 began an event of its own, which joins a1's when it
# converges, two windows after a2: a2 and a3 wait until then, and are
# written with a1's event (without --stream, with their own and the
# record's aliases).
test_expect_success 'a post is written once its event converged, an event after the first post two windows past its last' '
	yq-cluster --no-state --stream --events $NOW "$S" >out 2>err &&
	test_must_be_empty err &&
	jq -r "$row" out >got &&
	cat >expect <<-\EOT &&
	["post","a1","E54eafd9b3248",null,null]
	["post","a2","E54eafd9b3248",null,null]
	["post","a3","E54eafd9b3248",null,null]
	["event",null,"E54eafd9b3248",null,3]
	["post","b1","E1434367e7c8f",null,null]
	["post","b2","E1434367e7c8f",null,null]
	["post","r1","Ecaa9b88643b8",null,null]
	["event",null,"E1434367e7c8f",null,2]
	["event",null,"Ecaa9b88643b8",null,1]
	["post","c1","E4ad219d4c239",null,null]
	["post","c2","E4ad219d4c239",null,null]
	["event",null,"E4ad219d4c239",null,2]
	EOT
	test_cmp expect got &&
	test "$(grep -c "\"aliases\"" out)" = 0 &&
	yq-cluster --no-state --events $NOW "$S" | jq -c "select(.id == \"a2\" or .kind == \"event\") | [.event_id, .aliases]" >got &&
	cat >expect <<-\EOT &&
	["E528daa983492",null]
	["E54eafd9b3248",["E528daa983492"]]
	["E1434367e7c8f",null]
	["E4ad219d4c239",null]
	EOT
	test_cmp expect got
'

test_expect_success 'posts held in memory when no temporary file can be made: the same records' '
	TMPDIR=$PWD/nonexistent yq-cluster --no-state --stream --events $NOW "$S" >out.mem 2>err &&
	test_must_be_empty err && test_cmp out out.mem
'

# 300 posts of 9 KB in five hours: over the 256 KiB written at a time, so
# the held posts reach the disk; a file size limit stands in for a full
# disk.
test_expect_success PYTHON3 'held posts that cannot be written: an I/O error (exit 3)' '
	python3 -c "
import json, random
rng = random.Random(3)
chars = [chr(c) for c in range(0x4e00, 0x4e00 + 3000)]
for i in range(300):
    print(json.dumps({\"id\": \"big%d\" % i, \"text\": \"\".join(rng.choice(chars) for _ in range(3000)),
        \"published_at\": \"2026-11-01T%02d:%02d:00+08:00\" % (i // 60, i % 60)}, ensure_ascii=False))
" >big.ndjson &&
	yq-cluster --no-state --stream --events $NOW big.ndjson >big.out &&
	test "$(grep -c "^{\"id\":\"big" big.out)" = 300 &&
	{ (ulimit -f 200; trap "" XFSZ; TMPDIR=$PWD yq-cluster --no-state --stream \
		--events $NOW big.ndjson 2>err; echo $? >status) | wc -l >lines; } &&
	echo 3 >expect && test_cmp expect status &&
	echo "yq-cluster: cannot write a temporary file in $PWD: File too large" >expect &&
	test_cmp expect err
'

test_expect_success 'a held post is written as read, the id of its event appended' '
	grep "\"a2\"" "$S" | sed "s/}\$/,\"event_id\":\"E54eafd9b3248\"}/" >expect &&
	grep "\"a2\"" out >got && test_cmp expect got
'

test_expect_success 'run again on its own output, the same records' '
	yq-cluster --no-state --stream --events $NOW out >again &&
	test_cmp out again
'

test_expect_success 'a post naming its event id deeper down is held parsed, the deeper one left alone' '
	sed "s/\"id\":\"a2\",/\"id\":\"a2\",\"ref\":{\"event_id\":\"E528daa983492\"},/" "$S" >deep &&
	yq-cluster --no-state --stream --events $NOW deep | jq -c "select(.id == \"a2\") | [.ref, .event_id]" >got &&
	echo "[{\"event_id\":\"E528daa983492\"},\"E54eafd9b3248\"]" >expect &&
	test_cmp expect got
'

test_expect_success 'a repost of a forgotten post is an original; a run without --stream links it' '
	yq-cluster --no-state --events $NOW "$S" | jq -r "select(.id == \"r1\") | $row" >got &&
	echo "[\"post\",\"r1\",\"E54eafd9b3248\",\"a1\",null]" >expect && test_cmp expect got
'

test_expect_success 'without references across two windows, the same records as a run without --stream' '
	grep -v "\"r1\"" "$S" >norepost &&
	yq-cluster --no-state --stream --events $NOW norepost | jq -c . | sort >a &&
	yq-cluster --no-state --events $NOW norepost | resolved | sort >b &&
	test_cmp b a &&
	test "$(grep -c "\"kind\":\"event\"" a)" = 3
'

test_expect_success '--stream wants --no-state (exit 2)' '
	test_expect_code 2 yq-cluster --stream "$S" 2>err &&
	echo "yq-cluster: --stream forgets what a state keeps: use it with --no-state" >expect &&
	test_cmp expect err &&
	test_expect_code 2 yq-cluster --no-state --db x.db --stream "$S" 2>err &&
	test_cmp expect err && test ! -e x.db
'

test_expect_success 'yq-deadline answers an event where its record is, and forgets it' '
	yq-deadline --no-state $NOW out >dl &&
	jq -r "[.kind, .id, .event_id, .response.status] | @json" dl >got &&
	cat >expect <<-\EOT &&
	["post","a1","E54eafd9b3248",null]
	["post","a2","E54eafd9b3248",null]
	["post","a3","E54eafd9b3248",null]
	["event",null,"E54eafd9b3248","watch"]
	["post","b1","E1434367e7c8f",null]
	["post","b2","E1434367e7c8f",null]
	["post","r1","Ecaa9b88643b8",null]
	["event",null,"E1434367e7c8f","watch"]
	["event",null,"Ecaa9b88643b8","watch"]
	["post","c1","E4ad219d4c239",null]
	["post","c2","E4ad219d4c239",null]
	["event",null,"E4ad219d4c239","watch"]
	EOT
	test_cmp expect got &&
	{ grep -v "\"kind\":\"event\"" out; grep "\"kind\":\"event\"" out; } >atend &&
	yq-deadline --no-state $NOW atend | sort >b && sort dl >a && test_cmp b a
'

test_expect_success 'with the state store, the same answers, remembered as they are made' '
	yq-deadline --db s.db $NOW out >dls &&
	test_cmp dl dls &&
	yq-deadline --db s.db $NOW --only-events atend | jq -c "[.event_id, .response.status]" >got &&
	jq -c "select(.kind == \"event\") | [.event_id, .response.status]" dl >expect &&
	test_cmp expect got
'

# 60 days of stories (ten posts each, words from a vocabulary of 2,000),
# 400 posts a day: with --stream the memory follows the window, not the
# days (the whole run in memory without it).
test_expect_success PYTHON3 'memory follows the window, not the length of the stream' '
	python3 -c "
import json, random
rng = random.Random(7)
chars = [chr(c) for c in range(0x4e00, 0x4e00 + 3000)]
vocab = [rng.choice(chars) + rng.choice(chars) for _ in range(2000)]
for day in range(60):
    for s in range(40):
        words = [rng.choice(vocab) for _ in range(8)]
        for k in range(10):
            t = day * 86400 + s * 2000 + k * 60
            toks = words + [rng.choice(vocab) for _ in range(2)]
            print(json.dumps({\"id\": \"p%d-%d-%d\" % (day, s, k), \"kind\": \"post\",
                \"text\": \"\".join(toks), \"tokens\": toks,
                \"published_at\": \"2026-09-%02dT%02d:%02d:00+08:00\" % (1 + t // 86400 % 30, t // 3600 % 24, t // 60 % 60)
                if t < 30 * 86400 else
                \"2026-10-%02dT%02d:%02d:00+08:00\" % (1 + (t - 30 * 86400) // 86400, t // 3600 % 24, t // 60 % 60)},
                ensure_ascii=False))
" >long.ndjson &&
	head -n 6000 long.ndjson >short.ndjson &&
	/usr/bin/time -f %M -o rss.short yq-cluster --no-state --stream --events $NOW short.ndjson >s.out &&
	/usr/bin/time -f %M -o rss.long yq-cluster --no-state --stream --events $NOW long.ndjson >l.out &&
	/usr/bin/time -f %M -o rss.batch yq-cluster --no-state --events $NOW long.ndjson >b.out &&
	test "$(grep -c "\"kind\":\"event\"" l.out)" = 2275 &&
	jq -c . l.out | sort >a && resolved b.out | sort >b && test_cmp b a &&
	/usr/bin/time -f %M -o rss.dshort yq-deadline --no-state $NOW s.out >/dev/null &&
	/usr/bin/time -f %M -o rss.dlong yq-deadline --no-state $NOW l.out >/dev/null &&
	short=$(tail -n 1 rss.short) long=$(tail -n 1 rss.long) batch=$(tail -n 1 rss.batch) &&
	dshort=$(tail -n 1 rss.dshort) dlong=$(tail -n 1 rss.dlong) &&
	echo "RSS: 15 days $short KB, 60 days $long KB, 60 days without --stream $batch KB; yq-deadline after it $dshort and $dlong KB" &&
	case $YQ_BUILD in
	*san*) ;;	# ASan holds freed memory in quarantine: no bound to see
	*) test $((long * 10)) -le $((short * 14)) && test $((long * 100)) -lt $((batch * 85)) &&
		test $((dlong * 10)) -le $((dshort * 12)) ||
		{ echo "RSS grew" >&2; false; } ;;
	esac
'

test_done
