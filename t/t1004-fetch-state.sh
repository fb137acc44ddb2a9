#!/bin/sh
test_description='yq-fetch remembers what it emitted in the state store'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/fetch
E=$D/expect
NOW='--now 2026-11-25T12:00:00+08:00'

test_expect_success 'first run emits, second emits nothing' '
	yq-fetch --db st.db $NOW "$D/posts-bom.csv" >out1 2>err &&
	test_must_be_empty err &&
	test_cmp "$E/posts-bom.ndjson" out1 &&
	yq-fetch --db st.db $NOW "$D/posts-bom.csv" >out2 2>err &&
	test_must_be_empty err &&
	test_must_be_empty out2
'

test_expect_success 'the same posts from another export are not emitted again' '
	yq-fetch --db st.db $NOW "$D/posts.json" >out &&
	test_must_be_empty out
'

test_expect_success '--all emits them anyway' '
	yq-fetch --db st.db --all $NOW "$D/posts-bom.csv" >out &&
	test_cmp "$E/posts-bom.ndjson" out
'

test_expect_success 'the default database is under XDG_DATA_HOME; YQ_DB overrides' '
	yq-fetch $NOW "$D/posts-bom.csv" >out &&
	test_cmp "$E/posts-bom.ndjson" out &&
	test -f "$XDG_DATA_HOME/yq/yq.db" &&
	yq-fetch $NOW "$D/posts-bom.csv" >out &&
	test_must_be_empty out &&
	YQ_DB=$TRASH_DIR/other.db yq-fetch $NOW "$D/posts-bom.csv" >out &&
	test_cmp "$E/posts-bom.ndjson" out
'

test_expect_success 'a failed write commits nothing: the next run emits all' '
	test_expect_code 3 yq-fetch --db w.db $NOW "$D/posts-bom.csv" >/dev/full 2>err &&
	test_grep "^yq-fetch: " err &&
	yq-fetch --db w.db $NOW "$D/posts-bom.csv" >out &&
	test_cmp "$E/posts-bom.ndjson" out
'

test_expect_success '-o FILE: written whole, then the state committed' '
	yq-fetch --db o.db $NOW -o posts.ndjson "$D/posts-bom.csv" >out &&
	test_must_be_empty out &&
	test_cmp "$E/posts-bom.ndjson" posts.ndjson &&
	yq-fetch --db o.db $NOW -o posts.ndjson "$D/posts-bom.csv" &&
	test_must_be_empty posts.ndjson
'

test_expect_success 'a reader that stops early: exit 0, the state consistent' '
	python3 -c "
import sys
sys.stdout.write(\"正文,链接\\n\")
for i in range(5000): sys.stdout.write(\"第%d条,https://e.example.cn/%d\\n\" % (i, i))" >many.csv &&
	{ yq-fetch --db p.db $NOW many.csv; echo $? >status; } | head -n 3 >first &&
	echo 0 >expect && test_cmp expect status &&
	yq-fetch --db p.db $NOW many.csv >rest &&
	jq -r .id rest | sort | uniq -d >dups &&
	test_must_be_empty dups &&
	yq-fetch --db p.db $NOW many.csv >again &&
	test_must_be_empty again
'

test_expect_success 'killed mid-way: the next run re-emits at most a batch, loses nothing' '
	python3 -c "
import sys
sys.stdout.write(\"正文,链接\\n\")
for i in range(200000): sys.stdout.write(\"第%d条,https://k.example.cn/%d\\n\" % (i, i))" >huge.csv &&
	{ timeout -s KILL 0.5 yq-fetch --db k.db $NOW huge.csv >first; true; } &&
	yq-fetch --db k.db $NOW huge.csv >rest &&
	# A kill can cut the last line short: that record was not delivered.
	cat first rest | jq -R -r "fromjson? | .id" | sort >ids &&
	sort -u ids >uniq &&
	test_line_count = 200000 uniq &&
	n=$(( $(wc -l <ids) - 200000 )) &&
	test "$n" -le 256
'

test_expect_success 'two overlapping runs never emit the same item' '
	yq-fetch --db c.db $NOW many.csv >a &
	yq-fetch --db c.db $NOW many.csv >b &&
	wait &&
	cat a b | jq -r .id >ids &&
	test_line_count = 5000 ids &&
	sort ids | uniq -d >dups &&
	test_must_be_empty dups
'

test_expect_success 'a database that cannot be opened is an I/O failure' '
	: >afile &&
	test_expect_code 3 yq-fetch --db afile/x.db $NOW "$D/posts-bom.csv" >out 2>err &&
	test_must_be_empty out &&
	test_grep "^yq-fetch: state '\''afile/x.db'\'': " err
'

test_expect_success '--no-state keeps nothing' '
	yq-fetch --no-state $NOW "$D/posts-bom.csv" >out &&
	test_cmp "$E/posts-bom.ndjson" out &&
	yq-fetch --no-state $NOW "$D/posts-bom.csv" >out &&
	test_cmp "$E/posts-bom.ndjson" out
'

test_done
