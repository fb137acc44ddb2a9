#!/bin/sh
test_description='yq-cluster: repost forests, first posts, key spreaders and tipping points in event records'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/cluster
DEMO=$TEST_DIR/data/deadline/demo.ndjson
NOW="--now 2026-11-23T00:00:00+08:00"
spread='select(.kind == "event") | {event_id, spread}'
trees='select(.kind == "event") | .spread.hubs[] | select(.depth == 0) |
	"\(.id) \(.reposts + 1) \(.height)"'
tops='select(.kind == "event" and (.spread.spreaders | length) > 0) |
	"\(.event_id) \([.spread.spreaders[] | "\(.author)=\(.reposts)"] | join(" "))"'
tips='select(.kind == "event" and (.spread.tipping | length) > 0) |
	"\(.event_id) \([.spread.tipping[] | "\(.id):\(.before):\(.after)"] | join(" "))"'

test_expect_success 'the demo: each event'"'"'s forest, first posts, spreaders and tipping points' '
	yq-cluster --no-state --events $NOW "$DEMO" >out 2>err &&
	test_must_be_empty err &&
	jq -c "$spread" out >got &&
	test_cmp "$D/spread-demo.expect" got
'

test_expect_success PYTHON3 'the demo: trees, spreaders and tipping points as an independent count has them' '
	python3 "$D/spread.py" trees out >expect &&
	jq -r "$trees" out | sort >got &&
	test_cmp expect got && test_line_count = 50 got &&
	python3 "$D/spread.py" --spreaders out >expect &&
	jq -r "$tops" out | sort >got &&
	test_cmp expect got &&
	python3 "$D/spread.py" --tipping out >expect &&
	jq -r "$tips" out | sort >got &&
	test_cmp expect got && test_line_count = 13 got
'

test_expect_success 'three batches through the state give the spread of one run (without converging, which depends on the cut)' '
	yq-cluster --db one.db --converge 0 --events $NOW "$DEMO" >one &&
	head -n 100 "$DEMO" >b1 && sed -n 101,220p "$DEMO" >b2 && sed -n "221,\$p" "$DEMO" >b3 &&
	yq-cluster --db split.db --converge 0 --events $NOW b1 >o1 &&
	yq-cluster --db split.db --converge 0 --events $NOW b2 >o2 &&
	yq-cluster --db split.db --converge 0 --events $NOW b3 >o3 &&
	jq -c "$spread" o3 >got &&
	for e in $(jq -r "select(.kind == \"event\") | .event_id" o3); do
		jq -c "select(.kind == \"event\" and .event_id == \"$e\") | {event_id, spread}" one
	done >expect &&
	test_cmp expect got
'

# The original is over two windows old when the first batch ends: the
# state keeps it only as its event's origin, and must keep its counts.
test_expect_success 'an original the state keeps only as its event'"'"'s origin keeps its counts' '
	for i in 0 1 2 3 4 5 6 7; do
		printf "{\"id\":\"r%d\",\"author\":\"u%d\",\"repost_of\":\"o\",\"text\":\"转发\",\"published_at\":\"2026-11-20T0%d:10:00+08:00\"}\n" $i $i $i
	done >reposts &&
	{
		echo "{\"id\":\"o\",\"author\":\"甲\",\"text\":\"桐岭垃圾焚烧厂今天开工了\",\"published_at\":\"2026-11-20T00:00:00+08:00\"}" &&
		head -n 6 reposts
	} >a && tail -n 2 reposts >b && cat a b >ab &&
	yq-cluster --db whole.db --window 2h --only-events $NOW ab >whole &&
	yq-cluster --db parts.db --window 2h --only-events $NOW a >/dev/null &&
	yq-cluster --db parts.db --window 2h --only-events $NOW b >parts &&
	jq -c .spread whole >expect && jq -c .spread parts >got &&
	test_cmp expect got &&
	jq -c "[.spread.hubs[] | [.id, .reposts]], .spread.spreaders" parts >hubs &&
	printf "%s\n" "[[\"o\",8]]" "[{\"author\":\"甲\",\"reposts\":8}]" >expect &&
	test_cmp expect hubs
'

test_expect_success '--stream writes the same spread where nothing is forgotten' '
	yq-cluster --no-state --stream --only-events $NOW "$DEMO" >st &&
	jq -c "$spread" st | sort >got &&
	jq -c "$spread" out | sort >expect &&
	test_cmp expect got
'

# An original at 09:00 and a repost of it at 09:20, then r1 reposting it at
# 10:30 and ten reposts of r1 from 10:31: r1 has no post in the hour before
# its minute and ten in its hour after; r2 (10:31) has one before and nine
# after, a smaller rise within r1'"'"'s hour; the 09:20 repost has one before
# and none after.
test_expect_success 'a tipping point: the repost after which the rate rose most, measured by the minute' '
	{
		printf "{\"id\":\"o\",\"author\":\"甲\",\"text\":\"桐岭垃圾焚烧厂今天开工了\",\"published_at\":\"2026-11-20T09:00:00+08:00\"}\n" &&
		printf "{\"id\":\"x\",\"author\":\"乙\",\"text\":\"转发//@甲:桐岭垃圾焚烧厂今天开工了\",\"published_at\":\"2026-11-20T09:20:00+08:00\"}\n" &&
		printf "{\"id\":\"r1\",\"author\":\"大V\",\"text\":\"大家看看//@甲:桐岭垃圾焚烧厂今天开工了\",\"published_at\":\"2026-11-20T10:30:00+08:00\"}\n" &&
		for i in 2 3 4 5 6 7 8 9 10 11; do
			printf "{\"id\":\"r%d\",\"author\":\"u%d\",\"text\":\"转发//@大V:大家看看//@甲:桐岭垃圾焚烧厂今天开工了\",\"published_at\":\"2026-11-20T10:%02d:00+08:00\"}\n" $i $i $((29 + i))
		done
	} >tip.ndjson &&
	yq-cluster --no-state --only-events $NOW tip.ndjson >ev &&
	jq -c ".spread | [.trees, .reposts, .depth, .widest, .levels, .spreaders, .tipping]" ev >got &&
	cat >expect <<-\EOT &&
	[1,12,2,{"level":2,"posts":10},[1,2,10],[{"author":"甲","reposts":12},{"author":"大V","reposts":10}],[{"id":"r1","at":"2026-11-20T10:30:00+08:00","before":0,"after":10}]]
	EOT
	test_cmp expect got
'

test_expect_success 'a chain naming an account unseen reposts the original; a copy is a tree of its own' '
	yq-cluster --no-state --only-events --now 2026-11-21T10:00:00+08:00 "$D/small.ndjson" >ev &&
	jq -c "[.spread.trees, .spread.reposts, [.spread.hubs[] | [.id, .reposts]]]" ev >got &&
	cat >expect <<-\EOT &&
	[3,1,[["p1",1]]]
	[2,1,[["p5",1]]]
	[1,0,[]]
	EOT
	test_cmp expect got
'

# 40 accounts repost the original, then 2,000 reposts by 400 accounts repost
# theirs, ten of them twice as often: more posts with reposts than are kept
# (16), more accounts that spread than are counted (32).
test_expect_success PYTHON3 'a large cascade keeps 16 posts and the top spreaders exactly' '
	python3 -c "
import json
print(json.dumps({\"id\": \"o\", \"author\": \"root\", \"text\": \"北溪区桐岭垃圾焚烧厂\", \"published_at\": \"2026-11-20T00:00:00+08:00\"}, ensure_ascii=False))
for k in range(40):
    print(json.dumps({\"id\": \"k%02d\" % k, \"author\": \"kol%02d\" % k, \"repost_of\": \"o\", \"text\": \"转发\", \"published_at\": \"2026-11-20T01:%02d:00+08:00\" % k}, ensure_ascii=False))
for i in range(2000):
    k = i % 40 if i % 3 else i % 10
    print(json.dumps({\"id\": \"r%04d\" % i, \"author\": \"u%03d\" % (i % 400), \"repost_of\": \"k%02d\" % k, \"text\": \"转发\", \"published_at\": \"2026-11-%02dT%02d:%02d:00+08:00\" % (20 + (2 + i // 60) // 24, (2 + i // 60) % 24, i % 60)}, ensure_ascii=False))
" >big.ndjson &&
	yq-cluster --no-state --events $NOW big.ndjson >bigout &&
	jq -r "select(.kind == \"event\") | .spread | [(.hubs | length), .reposts] | @tsv" bigout >got &&
	printf "16\t2040\n" >expect && test_cmp expect got &&
	python3 "$D/spread.py" --spreaders bigout >expect &&
	jq -r "$tops" bigout >got &&
	test_cmp expect got
'

test_expect_success SHARED_DATA 'Weibo cascades (dev slice): every tree rebuilt as counted apart' '
	head -n 30000 "$SHARED_DIR/data/cluster/dev.ndjson" >dev &&
	yq-cluster --no-state --events dev >devout &&
	python3 "$D/spread.py" trees devout >expect &&
	jq -r "$trees" devout | sort >got &&
	test_cmp expect got && test_line_count -gt 150 got &&
	python3 "$D/spread.py" --spreaders devout >expect &&
	jq -r "$tops" devout >got &&
	test_cmp expect got &&
	python3 "$D/spread.py" --tipping devout >expect &&
	jq -r "$tips" devout | sort >got &&
	test_cmp expect got && test_line_count -gt 100 got
'

test_done
