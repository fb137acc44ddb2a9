#!/bin/sh
test_description='yq-cluster: the dev set sharded four ways by parallel, clustered apart, merged'
. "$(dirname "$0")"/test-lib.sh

# The recipe of README "Scale" and yq-cluster(1), with parallel running the
# shards here (--sshlogin : is this machine; a list of hosts spreads them).
if test_have_prereq SHARED_DATA && test_have_prereq PYTHON3 &&
	command -v parallel >/dev/null 2>&1; then
	test_set_prereq SHARDS
fi

test_expect_success SHARDS 'four shards by time, merged: the events of one run (B-cubed F1 >= 0.98)' '
	yq-seg "$SHARED_DIR/data/cluster/dev.ndjson" >seg &&
	yq-cluster --no-state seg >one &&
	n=$(wc -l <seg) && split -d -a 1 -l $(( (n + 3) / 4 )) seg shard &&
	ls shard? >list && test_line_count = 4 list &&
	parallel --sshlogin : "yq-cluster --keep 0 --db {}.db {} >{}.out" <list &&
	yq-cluster --merge --db all.db shard0.db shard1.db shard2.db shard3.db >merged &&
	python3 "$TOP_DIR/bench/cluster/agree.py" one merged shard0.out shard1.out shard2.out shard3.out >agree &&
	cat agree >&2 &&
	awk "{ exit !(\$6 >= 0.98) }" agree
'

test_expect_success SHARDS 'the merged events against the gold stories stay within a point of one run' '
	python3 "$TOP_DIR/bench/cluster/agree.py" --relabel merged shard0.out shard1.out shard2.out shard3.out >relabelled &&
	python3 "$TOP_DIR/bench/cluster/score.py" one >s1 &&
	python3 "$TOP_DIR/bench/cluster/score.py" relabelled >s2 &&
	cat s1 s2 >&2 &&
	f1=$(awk "{ print \$6 }" s1) && f2=$(awk "{ print \$6 }" s2) &&
	awk -v a="$f1" -v b="$f2" "BEGIN { exit !(b >= a - 0.01) }"
'

test_done
