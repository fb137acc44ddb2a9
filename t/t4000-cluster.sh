#!/bin/sh
test_description='yq-cluster: repeats, events, warnings, bad input'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/cluster
NOW="--now 2026-11-21T10:00:00+08:00"

test_expect_success 'posts get dup_of and event_id; event records follow' '
	yq-cluster --no-state --events $NOW "$D/small.ndjson" >out 2>err &&
	test_cmp "$D/small.expect" out && test_must_be_empty err
'

test_expect_success 'clustered posts clustered again keep their fields in place, encoded as before' '
	yq-cluster --no-state $NOW "$D/small.ndjson" >once &&
	yq-cluster --no-state $NOW once >twice &&
	test_cmp once twice &&
	jq -c "del(.dup_of, .event_id)" once >plain &&
	yq-cluster --no-state $NOW plain >thrice &&
	test_cmp once thrice
'

test_expect_success 'a //@ chain, repost_of and a copied article are repeats of the first' '
	jq -r "select(.kind != \"event\") | [.id, (.dup_of // \"-\")] | @tsv" out >got &&
	printf "p1\t-\np2\tp1\np3\t-\np4\tp3\np5\t-\np6\tp5\np7\t-\np8\t-\np3\t-\n" >expect &&
	test_cmp expect got
'

test_expect_success 'the same id twice gets its first copy'"'"'s event' '
	jq -r "select(.id == \"p3\") | .event_id" out >got &&
	test_line_count = 2 got && test "$(sort -u got | wc -l)" = 1
'

test_expect_success 'a report naming the same place joins at a lower cosine; the official report joins by converging' '
	# p3 (a news report on 北溪区) joins p1 (北溪区) as it comes; p7 names
	# 青石县 where p5 names no place (青石 alone is not taken), so it
	# starts an event that converges into p5'"'"'s at the end; p8 stays apart.
	test "$(jq -r "select(.id == \"p3\") | .event_id" out | head -n 1)" = "$(jq -r "select(.id == \"p1\") | .event_id" out)" &&
	p5=$(jq -r "select(.id == \"p5\") | .event_id" out) &&
	p7=$(jq -r "select(.id == \"p7\") | .event_id" out) &&
	test "$p5" != "$p7" &&
	jq -s -e --arg a "$p5" --arg b "$p7" "any(.[]; .kind == \"event\" and .event_id == \$a and .aliases == [\$b])" out &&
	test "$(jq -r "select(.id == \"p8\") | .event_id" out)" != "$p5" &&
	yq-cluster --no-state --threshold-alone 0.2 $NOW "$D/small.ndjson" >low &&
	test "$(jq -r "select(.id == \"p7\") | .event_id" low)" = "$(jq -r "select(.id == \"p5\") | .event_id" low)"
'

test_expect_success 'event ids depend on the first post only: the same on every run' '
	yq-cluster --no-state --events $NOW "$D/small.ndjson" >again && test_cmp out again &&
	head -n 1 "$D/small.ndjson" >one && yq-cluster --no-state one >o1 &&
	test "$(jq -r .event_id o1)" = "$(jq -r "select(.id == \"p1\") | .event_id" out)"
'

test_expect_success '--only-events writes the events alone' '
	yq-cluster --no-state --only-events $NOW "$D/small.ndjson" >ev &&
	grep "^{\"kind\":\"event\"" out >expect && test_cmp expect ev
'

test_expect_success 'a burst over the event'"'"'s own baseline raises the warning' '
	yq-cluster --no-state --only-events --now 2026-11-21T00:59:00+08:00 "$D/burst.ndjson" >ev &&
	jq -c "[.posts, .warning]" ev >got && echo "[54,\"orange\"]" >expect &&
	test_cmp expect got &&
	yq-cluster --no-state --only-events --now 2026-11-20T23:59:00+08:00 "$D/burst.ndjson" >ev &&
	jq -c "[.posts, .warning]" ev >got && echo "[54,\"none\"]" >expect &&
	test_cmp expect got
'

test_expect_success 'warning thresholds come from a file' '
	printf "red 1 1 1000 1000\n" >w.conf &&
	yq-cluster --no-state --only-events --warnings w.conf --now 2026-11-21T00:59:00+08:00 "$D/burst.ndjson" >ev &&
	jq -r .warning ev >got && echo red >expect && test_cmp expect got &&
	printf "red 1 x\n" >bad.conf &&
	test_expect_code 2 yq-cluster --no-state --warnings bad.conf "$D/burst.ndjson" 2>err &&
	test_grep "bad.conf:1: want" err
'

test_expect_success 'a closed event does not take a post days later' '
	jq -c ".published_at = \"2026-12-05T10:00:00+08:00\" | .id = \"late\"" <"$D/small.ndjson" | head -n 1 >late &&
	cat "$D/small.ndjson" late >in &&
	yq-cluster --no-state --window 3d in >o &&
	test "$(jq -r "select(.id == \"late\") | .event_id" o)" != "$(jq -r "select(.id == \"p1\") | .event_id" o | head -n 1)" &&
	yq-cluster --no-state --window 30d in >o &&
	test "$(jq -r "select(.id == \"late\") | .dup_of" o)" = p1
'

test_expect_success 'a post without an id is rejected with file and line; the rest pass' '
	printf "{\"text\":\"无id\"}\nnot json\n" >bad && cat "$D/small.ndjson" >>bad &&
	test_expect_code 2 yq-cluster --no-state bad >o 2>err &&
	cat >expect <<-\EOF &&
	yq-cluster: bad:1: a post without an id
	yq-cluster: bad:2: invalid JSON: '"'"'['"'"' or '"'"'{'"'"' expected near '"'"'not'"'"' (column 3)
	EOF
	test_cmp expect err && test_line_count = 9 o
'

test_expect_success 'posts without tokens are compared by character bigrams' '
	jq -c "del(.tokens)" "$D/small.ndjson" >nt &&
	yq-cluster --no-state nt >o &&
	test "$(jq -r "select(.id == \"p4\") | .dup_of" o)" = p3
'

test_expect_success 'usage errors' '
	test_expect_code 2 yq-cluster --no-state --threshold 2 2>err && test_grep "threshold" err &&
	test_expect_code 2 yq-cluster --no-state --threshold-alone 0 2>err &&
	echo "yq-cluster: --threshold-alone wants a number in (0, 1]: '"'"'0'"'"'" >expect && test_cmp expect err &&
	test_expect_code 2 yq-cluster --no-state --window soon 2>err && test_grep "window" err &&
	test_expect_code 2 yq-cluster --no-state --hamming 99 2>err && test_grep "hamming is too large" err
'

test_expect_success 'real-valued options are checked: no nan, inf, hex or empty value' '
	: >err &&
	for v in nan inf -0.1 0x0.5 "" " 0.5" 1e-400 0.5x; do
		test_expect_code 2 yq-cluster --no-state --converge "$v" </dev/null 2>>err ||
			return 1
	done &&
	cat >expect <<-\EOF &&
	yq-cluster: --converge wants a number in [0, 1]: '"'"'nan'"'"'
	yq-cluster: --converge wants a number in [0, 1]: '"'"'inf'"'"'
	yq-cluster: --converge wants a number in [0, 1]: '"'"'-0.1'"'"'
	yq-cluster: --converge wants a number in [0, 1]: '"'"'0x0.5'"'"'
	yq-cluster: --converge wants a number in [0, 1]: '"'"''"'"'
	yq-cluster: --converge wants a number in [0, 1]: '"'"' 0.5'"'"'
	yq-cluster: --converge wants a number in [0, 1]: '"'"'1e-400'"'"'
	yq-cluster: --converge wants a number in [0, 1]: '"'"'0.5x'"'"'
	EOF
	test_cmp expect err &&
	test_expect_code 2 yq-cluster --no-state --threshold nan </dev/null 2>err &&
	echo "yq-cluster: --threshold wants a number in (0, 1]: '"'"'nan'"'"'" >expect &&
	test_cmp expect err &&
	yq-cluster --no-state --converge .5 --attach 1 --threshold 1e-1 </dev/null
'

# State across runs (the demo corpus, scored; t/data/deadline/demo.ndjson).
DEMO=$TEST_DIR/data/deadline/demo.ndjson
ids='select(.kind != "event") | [.id, .event_id, (.dup_of // "-")] | @tsv'

# Events converge at the end of each run (--converge), so a batch
# boundary matters for that step alone: these tests compare without it.
test_expect_success 'state: one run, and the same posts in three batches, give the same events' '
	yq-cluster --db one.db --converge 0 --events $NOW "$DEMO" >one &&
	head -n 100 "$DEMO" >b1 && sed -n 101,220p "$DEMO" >b2 && sed -n "221,\$p" "$DEMO" >b3 &&
	yq-cluster --db split.db --converge 0 --events $NOW b1 >o1 &&
	yq-cluster --db split.db --converge 0 --events $NOW b2 >o2 &&
	yq-cluster --db split.db --converge 0 --events $NOW b3 >o3 &&
	cat o1 o2 o3 | jq -r "$ids" >got && jq -r "$ids" one >expect &&
	test_cmp expect got &&
	test "$(jq -r "select(.kind != \"event\") | .event_id" one | sort -u | wc -l)" -gt 20
'

test_expect_success 'state: the last batch'"'"'s events carry everything the earlier batches saw' '
	jq -c "select(.kind == \"event\")" o3 >got &&
	for e in $(jq -r "select(.kind == \"event\") | .event_id" o3); do
		jq -c "select(.kind == \"event\" and .event_id == \"$e\")" one
	done >expect &&
	test_cmp expect got
'

test_expect_success 'state: a rerun over the same posts changes nothing' '
	yq-cluster --db split.db --converge 0 --events $NOW b2 >again &&
	jq -r "$ids" again >got && jq -r "$ids" o2 >expect && test_cmp expect got &&
	sqlite3 split.db "select count(*) from cluster_posts" >n1 &&
	yq-cluster --db split.db --converge 0 $NOW b3 >/dev/null &&
	sqlite3 split.db "select count(*) from cluster_posts" >n2 && test_cmp n1 n2
'

test_expect_success 'state: a batch fed again, converging, counts nothing twice and merges nothing' '
	yq-cluster --db conv.db --events $NOW "$DEMO" >first &&
	sqlite3 conv.db "select id, posts from cluster_events order by id" >expect &&
	yq-cluster --db conv.db --events $NOW "$DEMO" >second &&
	sqlite3 conv.db "select id, posts from cluster_events order by id" >got &&
	test_cmp expect got &&
	jq -c "select(.kind == \"event\") | [.event_id, .posts]" first >expect &&
	jq -c "select(.kind == \"event\") | [.event_id, .posts]" second >got &&
	test_cmp expect got
'

test_expect_success 'state: saved only once the records are out; output that fails saves nothing' '
	test_expect_code 3 yq-cluster --db full.db --events $NOW "$D/small.ndjson" >/dev/full 2>err &&
	echo "yq-cluster: write error on '"'"'stdout'"'"': No space left on device" >expect &&
	test_cmp expect err &&
	sqlite3 full.db "select count(*) from cluster_posts" >got &&
	echo 0 >expect && test_cmp expect got
'

test_expect_success 'a published_at yq-deadline and yq-report refuse is refused here too' '
	cat >badtime.ndjson <<-\EOF &&
	{"id":"t1","text":"北溪区垃圾焚烧厂","published_at":"2026-13-45 99:99","event_id":"E1"}
	{"id":"t2","text":"北溪区垃圾焚烧厂","published_at":"2026-11-21T09:00:00+08:00"}
	EOF
	test_expect_code 2 yq-cluster --no-state $NOW badtime.ndjson >out 2>err &&
	echo "yq-cluster: badtime.ndjson:1: post without a valid published_at" >expect &&
	test_cmp expect err &&
	jq -r .id out >got && echo t2 >expect && test_cmp expect got &&
	test_expect_code 2 yq-deadline --no-state $NOW badtime.ndjson >/dev/null 2>err &&
	test_expect_code 2 yq-report daily --no-state $NOW badtime.ndjson >/dev/null 2>err
'

test_expect_success 'state: --no-state leaves the database alone; a bad database is an I/O error' '
	cp split.db keep.db && yq-cluster --no-state $NOW b1 >/dev/null &&
	cmp split.db keep.db &&
	echo "not a database" >bad.db &&
	test_expect_code 3 yq-cluster --db bad.db $NOW b1 >out 2>err &&
	test_grep "^yq-cluster: state: " err
'

test_expect_success PYTHON3 'merge: four shards by time, merged, agree with one run' '
	for i in 0 1 2 3; do
		sed -n "$((i * 75 + 1)),$((i * 75 + 75))p" "$DEMO" >s$i &&
		yq-cluster --db s$i.db --keep 0 $NOW s$i >o$i || return 1
	done &&
	yq-cluster --no-state $NOW "$DEMO" >whole &&
	yq-cluster --merge --db merged.db $NOW s0.db s1.db s2.db s3.db >merged &&
	test "$(jq -r .kind merged | sort -u)" = event &&
	jq -r ".aliases // [] | .[]" merged >aliases && test -s aliases &&
	python3 "$TOP_DIR/bench/cluster/agree.py" whole merged o0 o1 o2 o3 >agree &&
	cat agree >&2 &&
	awk "{ exit !(\$6 >= 0.85) }" agree
'

test_expect_success 'merge: the merged state goes on like any other' '
	tail -n 1 "$DEMO" | jq -c ".id = \"again\"" >more &&
	yq-cluster --db merged.db $NOW more >o &&
	test "$(jq -r .dup_of o)" = "$(tail -n 1 "$DEMO" | jq -r .id)" &&
	jq -r .event_id merged >ids && grep -qx "$(jq -r .event_id o)" ids
'

test_expect_success 'merge: usage and missing shards' '
	test_expect_code 2 yq-cluster --merge --db m2.db 2>err &&
	test_grep "wants one or more shard state databases" err &&
	test_expect_code 3 yq-cluster --merge --db m2.db nosuch.db 2>err &&
	test_grep "nosuch.db: No such file" err &&
	test_expect_code 2 yq-cluster --keep soon b1 2>err &&
	test_grep "keep wants a duration" err
'

test_expect_success 'events that converge merge at the end of the run; the earlier keeps its id' '
	yq-cluster --no-state --only-events --converge 0 $NOW "$D/small.ndjson" >apart &&
	yq-cluster --no-state --only-events $NOW "$D/small.ndjson" >together &&
	test_line_count = 4 apart && test_line_count = 3 together &&
	jq -c "select(.aliases) | [.event_id, .aliases, .posts]" together >got &&
	echo "[\"Eb06356106347\",[\"Ec6fa77aedebc\"],3]" >expect && test_cmp expect got &&
	test_expect_code 2 yq-cluster --converge 2 "$D/small.ndjson" 2>err &&
	test_grep "converge wants a number" err
'

test_expect_success 'converging joins fragments that began within a window, not a story a straggling repost kept open' '
	# s1 (1 September) and s2 (10 October) tell of one blast; s3, a
	# repost of s1 on 11 October, keeps s1'"'"'s event open over s2.
	yq-cluster --no-state --only-events --now 2026-10-12T00:00:00+08:00 \
		"$D/straggle.ndjson" >out 2>err &&
	test_must_be_empty err &&
	jq -c "[.event_id, .aliases, .posts, .first_seen, .last_seen]" out >got &&
	cat >expect <<-\EOF &&
	["E62c2baa21b25",null,2,"2026-09-01T08:00:00+08:00","2026-10-11T08:00:00+08:00"]
	["E2fbadb33aea1",null,1,"2026-10-10T08:00:00+08:00","2026-10-10T08:00:00+08:00"]
	EOF
	test_cmp expect got
'

# A comment section crawled without its links (t/data/cluster/attach.ndjson):
# o1 and its repost r1, short comments c1-c4, an unrelated o2, and c5
# an hour and a half after the event's last post.
A=$D/attach.ndjson
test_expect_success 'a short post that joins no event joins the event holding the stream' '
	yq-cluster --no-state "$A" | jq -r "$ids" >got &&
	cat >expect <<-\EOF &&
	o1	E40323b63ae33	-
	r1	E40323b63ae33	o1
	c1	E4ad219d4c239	-
	c2	Ee14ffa8740c6	-
	c3	E40323b63ae33	-
	c4	E40323b63ae33	-
	o2	E3ef28391c7b0	-
	c5	E3f67f36cc408	-
	EOF
	test_cmp expect got
'

test_expect_success '--attach 0, a stream that carries repost_of, or a share not reached attach nothing' '
	yq-cluster --no-state --attach 0 "$A" | jq -r "select(.id | test(\"^c\")) | .event_id" | sort -u >got &&
	test_line_count = 5 got &&
	jq -c "if .id == \"r1\" then .repost_of = \"o1\" else . end" "$A" >linked &&
	yq-cluster --no-state linked | jq -r "select(.id | test(\"^c\")) | .event_id" | sort -u >got &&
	test_line_count = 5 got &&
	yq-cluster --no-state --attach 0.25 "$A" | jq -r "select(.id == \"c3\" or .id == \"c4\") | .event_id" >got &&
	printf "E85b858be16c1\nE3b3697d5fb8f\n" >expect && test_cmp expect got
'

test_expect_success 'state: the latest posts carry across batches, so batches attach as one run' '
	yq-cluster --no-state "$A" | jq -r "$ids" >expect &&
	head -n 4 "$A" >a1 && sed -n "5,\$p" "$A" >a2 &&
	yq-cluster --db attach.db a1 >p1 && yq-cluster --db attach.db a2 >p2 &&
	cat p1 p2 | jq -r "$ids" >got && test_cmp expect got &&
	jq -c "if .id == \"r1\" then .repost_of = \"o1\" else . end" a1 >l1 &&
	yq-cluster --db linked.db l1 >/dev/null && yq-cluster --db linked.db a2 >p2 &&
	jq -r "select(.id == \"c3\") | .event_id" p2 >got &&
	echo E85b858be16c1 >expect && test_cmp expect got
'

test_expect_success 'a post naming itself in repost_of is an original, not a crash' '
	jq -c ".repost_of = .id" "$A" >self &&
	yq-cluster --no-state --attach 0 self | jq -r "$ids" >got &&
	yq-cluster --no-state --attach 0 "$A" | jq -r "$ids" >expect &&
	test_cmp expect got &&
	test_expect_code 2 yq-cluster --no-state --attach 1.5 "$A" 2>err &&
	echo "yq-cluster: --attach wants a number in [0, 1]: '"'"'1.5'"'"'" >expect && test_cmp expect err
'

test_expect_success 'converging, an event joins the most similar earlier one: the blast keeps its first post' '
	yq-cluster --no-state --only-events $NOW "$DEMO" |
		jq -c "select(.event_id == \"Ec002fcbccc93\") | [.aliases, .first_seen, .origin, .posts]" >got &&
	echo "[[\"Ef4e9fcc9c2d9\",\"Eaf60b3d73ed5\"],\"2026-11-20T15:20:00+08:00\",\"6f53cccfe5ae03df\",41]" >expect &&
	test_cmp expect got
'

# The demo pipeline's posts (t/data/report/pipeline.ndjson): the blast's
# first weibo post (Ec002..., 青石化工园区) is within cosine 0.19 of the
# official report's event, and both name 青石县.
test_expect_success 'events naming a place in common converge at 0.85 of --converge' '
	P=$TEST_DIR/data/report/pipeline.ndjson &&
	blast="select(.event_id == \"E04cb4263a3fb\") | [.origin, .aliases, .posts]" &&
	yq-cluster --no-state --only-events --converge 0.2 $NOW "$P" | jq -c "$blast" >got &&
	echo "[\"6f53cccfe5ae03df\",[\"Ec002fcbccc93\"],51]" >expect && test_cmp expect got &&
	yq-cluster --no-state --only-events --converge 0.23 $NOW "$P" | jq -c "$blast" >got &&
	echo "[\"2fbd3391f63c033e\",null,48]" >expect && test_cmp expect got
'

# One story told every hour for 40 days, but the hour 30 days before its
# last; and 30 posts in the hour before a --now 31 days before its last.
test_expect_success 'a story told for months keeps the hours its record shows, no more' '
	jq -nc "range(0; 960) | select(. != 239) | {id: \"h\(.)\", kind: \"post\",
		text: \"沄江化工厂爆炸，附近居民紧急疏散\", published_at: ((1793491200 + . * 3600) | todate)}" >long &&
	jq -nc "range(0; 30) | {id: \"burst\(.)\", kind: \"post\",
		text: \"沄江化工厂爆炸，附近居民紧急疏散\", published_at: ((1794281400 + . * 60) | todate)}" >>long &&
	yq-cluster --no-state --only-events long |
		jq -c "[.posts, (.timeline | length), .timeline[0], .timeline[1], .timeline[-1], .warning]" >got &&
	echo "[989,721,[\"2026-11-11T07:00:00+08:00\",0],[\"2026-11-11T08:00:00+08:00\",1],[\"2026-12-11T07:00:00+08:00\",1],\"none\"]" >expect &&
	test_cmp expect got &&
	yq-cluster --no-state --only-events --now 2026-11-10T11:59:00+08:00 long | jq -r .warning >got &&
	echo orange >expect && test_cmp expect got
'

test_expect_success 'hours counted out of order: the timeline in order, empty hours 0' '
	for t in 10:20 08:05 11:30 08:59 10:00; do
		echo "{\"id\":\"o$t\",\"text\":\"沄江化工厂爆炸，附近居民疏散，消防赶到现场\",\"published_at\":\"2026-11-01T$t:00+08:00\"}"
	done >ooo &&
	yq-cluster --no-state --only-events --now 2026-11-01T12:00:00+08:00 ooo | jq -c "[.posts, .timeline]" >got &&
	echo "[5,[[\"2026-11-01T08:00:00+08:00\",2],[\"2026-11-01T09:00:00+08:00\",0],[\"2026-11-01T10:00:00+08:00\",2],[\"2026-11-01T11:00:00+08:00\",1]]]" >expect &&
	test_cmp expect got &&
	yq-cluster --db s.db --only-events --now 2026-11-01T12:00:00+08:00 ooo >/dev/null &&
	echo "{\"id\":\"o7\",\"text\":\"沄江化工厂爆炸，附近居民疏散，消防赶到现场\",\"published_at\":\"2026-11-01T09:10:00+08:00\"}" |
	yq-cluster --db s.db --only-events --now 2026-11-01T12:00:00+08:00 | jq -c "[.posts, .timeline]" >got &&
	echo "[6,[[\"2026-11-01T08:00:00+08:00\",2],[\"2026-11-01T09:00:00+08:00\",1],[\"2026-11-01T10:00:00+08:00\",2],[\"2026-11-01T11:00:00+08:00\",1]]]" >expect &&
	test_cmp expect got
'

test_done
