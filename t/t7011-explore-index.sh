#!/bin/sh
test_description='yq-explore --index: building, extending, stale and corrupt indexes'
. "$(dirname "$0")"/test-lib.sh

cp "$TEST_DIR"/data/explore/small.ndjson posts.ndjson

# Ask the same of the loaded files and of the index: the same output.
both() {
	yq-explore -c "$1" posts.ndjson more.ndjson >loaded 2>loaded.err
	echo $? >loaded.st
	yq-explore --index idx -c "$1" >indexed 2>indexed.err
	echo $? >indexed.st
	test_cmp loaded indexed && test_cmp loaded.err indexed.err &&
	test_cmp loaded.st indexed.st
}

test_expect_success 'update builds the index of the files named' '
	head -n 5 posts.ndjson >more.ndjson &&
	sed -i "s/a00000000000000/b00000000000000/" more.ndjson &&
	yq-explore -q --index idx --update posts.ndjson more.ndjson >out 2>err &&
	test_must_be_empty out && test_must_be_empty err &&
	test -f idx/index.db &&
	yq-explore --index idx -c info >out 2>err &&
	echo "14 records (12 posts, 2 events) from 2026-11-20T09:10:00+08:00 to 2026-11-22T11:00:00+08:00; 14 selected" >expect &&
	test_cmp expect out && test_must_be_empty err
'

test_expect_success 'queries over two files: the same records in the same order' '
	both "list 20" && test_line_count = 14 indexed &&
	both "word 焚烧; list; reset; where platform=weibo sentiment.label=negative; list" &&
	both "where places.code=331203 heat>2; top 3 by heat" &&
	both "posts; since 2026-11-21; count by day; events; count" &&
	both "event E1a2b3c4d5e6f; where platform!=weibo; undo; count by platform" &&
	both "where risk=40; list; reset; where kind=event; count" &&
	both "show b000000000000001; fields" &&
	both "word 焚烧厂; where platform=weibo; where author=路人甲; list; undo; where risk>50; list; undo; undo; since 2026-11-20T10:30; where platform=weibo; list" &&
	both "where platform=weibo; word 反对; events; reset; where kind=post; where platform=news; word 焚烧; list"
'

test_expect_success 'word keeps records with every word: tokens, else yq-seg'"'"'s words' '
	yq-explore --index idx -c "word 没有; reset; word 垃圾 焚烧; list; reset; word 焚烧厂; list" >out &&
	cat >expect <<-\EOF &&
	0 of 14 records
	14 of 14 records
	2 of 14 records
	a000000000000001  2026-11-20T09:10:00+08:00  news    北溪区垃圾焚烧发电项目引发居民关注
	b000000000000001  2026-11-20T09:10:00+08:00  news    北溪区垃圾焚烧发电项目引发居民关注
	14 of 14 records
	4 of 14 records
	a000000000000002  2026-11-20T10:05:00+08:00  weibo   反对在北溪建焚烧厂！孩子们的健康谁来负责？
	a000000000000003  2026-11-20T10:40:00+08:00  weibo   转发微博 //@北溪居民小李: 反对在北溪建焚烧厂！
	b000000000000002  2026-11-20T10:05:00+08:00  weibo   反对在北溪建焚烧厂！孩子们的健康谁来负责？
	b000000000000003  2026-11-20T10:40:00+08:00  weibo   转发微博 //@北溪居民小李: 反对在北溪建焚烧厂！
	EOF
	test_cmp expect out &&
	both "word 焚烧厂; list; reset; word 垃圾 焚烧; list"
'

test_expect_success 'export writes the archive'"'"'s lines as they are' '
	yq-explore --index idx -c "where platform=weibo; export w.ndjson; | cat >p.ndjson" >out &&
	grep -h "\"platform\":\"weibo\"" posts.ndjson more.ndjson >expect &&
	test_cmp expect w.ndjson && test_cmp expect p.ndjson
'

test_expect_success 'update reads only appended lines; a file with lines not read is said' '
	tail -n 1 posts.ndjson | sed "s/E9f8e7d6c5b4a/E000000000001/" >>more.ndjson &&
	yq-explore --index idx -c count >out 2>err &&
	echo 14 >expect && test_cmp expect out &&
	echo "yq-explore: '"'"'$PWD/more.ndjson'"'"' has lines the index has not read yet (update it with '"'"'yq-explore --index idx --update'"'"')" >expect &&
	test_cmp expect err &&
	yq-explore -q --index idx -c count >out 2>err && test_must_be_empty err &&
	yq-explore --index idx --update 2>err && test_must_be_empty err &&
	both "info; events; list" &&
	yq-explore --index idx --update more.ndjson posts.ndjson 2>err &&
	test_must_be_empty err &&
	both "count; count by kind"
'

test_expect_success 'a line being written (no newline yet) is read once it is whole' '
	printf "{\"id\":\"c1\",\"text\":\"半" >>more.ndjson &&
	yq-explore --index idx --update 2>err && test_must_be_empty err &&
	yq-explore -q --index idx -c count >out &&
	echo 15 >expect && test_cmp expect out &&
	printf "行\"}\n" >>more.ndjson &&
	yq-explore --index idx --update 2>err && test_must_be_empty err &&
	both "list 30; show c1"
'

test_expect_success 'bad lines are reported, left out, status 2; the rest is indexed' '
	{ head -n 2 posts.ndjson && echo "{broken" && tail -n 1 posts.ndjson; } >mixed.ndjson &&
	test_expect_code 2 yq-explore --index bad --update mixed.ndjson 2>err &&
	test_grep "^yq-explore: mixed.ndjson:3: invalid JSON" err &&
	yq-explore --index bad -c count >out && echo 3 >expect && test_cmp expect out
'

test_expect_success 'a truncated, changed or removed file makes the index stale: status 3' '
	cp -R idx idx.saved && cp more.ndjson more.saved &&
	head -n 2 more.saved >more.ndjson &&
	test_expect_code 3 yq-explore --index idx -c count >out 2>err &&
	test_must_be_empty out &&
	echo "yq-explore: index '"'"'idx'"'"' is stale: '"'"'$PWD/more.ndjson'"'"' was truncated since it was indexed (rebuild it with '"'"'yq-explore --index idx --rebuild'"'"')" >expect &&
	test_cmp expect err &&
	sed "s/焚烧/燃烧/" more.saved >more.ndjson &&
	test_expect_code 3 yq-explore --index idx -c count 2>err &&
	test_grep "more.ndjson'"'"' was changed since" err &&
	test_expect_code 3 yq-explore --index idx --update 2>err &&
	test_grep "more.ndjson'"'"' was changed since" err &&
	rm more.ndjson &&
	test_expect_code 3 yq-explore --index idx -c count 2>err &&
	test_grep "more.ndjson'"'"' was removed since" err
'

test_expect_success 'rebuild is one command' '
	sed "s/焚烧/燃烧/" more.saved >more.ndjson &&
	yq-explore -q --index idx --rebuild 2>err && test_must_be_empty err &&
	both "word 燃烧; list; reset; count by platform" &&
	rm more.ndjson &&
	yq-explore -q --index idx --rebuild 2>err &&
	echo "yq-explore: '"'"'$PWD/more.ndjson'"'"' was removed: left out of the index" >expect &&
	test_cmp expect err &&
	yq-explore --index idx -c count >out && echo 9 >expect && test_cmp expect out
'

test_expect_success 'a record not where the index has it stops the command, status 3' '
	cp posts.ndjson p2.ndjson &&
	yq-explore -q --index moved --update p2.ndjson &&
	yq-explore --index moved -c "where id=none; | sh -c \"sed 1d p2.ndjson >t; cat t >p2.ndjson\"; reset; list" >out 2>err;
	echo $? >st && echo 3 >expect && test_cmp expect st &&
	test_grep "index '"'"'moved'"'"' is stale: '"'"'$PWD/p2.ndjson'"'"':1 is not where the index has it" err
'

test_expect_success 'two updates at once read each line once' '
	cat posts.ndjson posts.ndjson posts.ndjson >c1.ndjson &&
	{ yq-explore -q --index two --update c1.ndjson & } &&
	yq-explore -q --index two --update c1.ndjson &&
	wait $! &&
	yq-explore --index two -c count >out &&
	echo 27 >expect && test_cmp expect out
'

test_expect_success 'a missing or corrupt index is an error, status 3' '
	test_expect_code 3 yq-explore --index nosuch -c count 2>err &&
	echo "yq-explore: no index in '"'"'nosuch'"'"' (build one with '"'"'yq-explore --index nosuch --update FILE...'"'"')" >expect &&
	test_cmp expect err &&
	mkdir junk && echo "not a database at all, not at all......................................................" >junk/index.db &&
	test_expect_code 3 yq-explore --index junk -c count 2>err &&
	test_grep "^yq-explore: index '"'"'junk'"'"' is corrupt: file is not a database" err
'

test_expect_success 'what cannot be indexed: compressed files, a missing file' '
	gzip -c posts.ndjson >p.ndjson.gz &&
	test_expect_code 3 yq-explore --index gz --update p.ndjson.gz 2>err &&
	echo "yq-explore: cannot index '"'"'p.ndjson.gz'"'"': it is compressed (index the plain file)" >expect &&
	test_cmp expect err &&
	test_expect_code 3 yq-explore --index gz --update nosuch.ndjson 2>err &&
	test_grep "cannot open .nosuch.ndjson." err
'

test_expect_success 'usage: files with --index need --update; --update needs --index' '
	test_expect_code 2 yq-explore --index idx posts.ndjson 2>err &&
	test_grep "^usage: yq-explore" err &&
	test_expect_code 2 yq-explore --update posts.ndjson 2>err &&
	test_expect_code 2 yq-explore --index idx --update -c count posts.ndjson 2>err &&
	test_expect_code 2 yq-explore --index idx --update --rebuild 2>err
'

test_expect_success 'CRLF, a BOM and a last line without newline read back as loaded' '
	{ printf "\357\273\277" && head -n 2 posts.ndjson | sed "s/\$/\r/" &&
	  tail -n 1 posts.ndjson | tr -d "\n"; } >odd.ndjson &&
	yq-explore -c "| cat" odd.ndjson >expect &&
	yq-explore -q --index odd --update odd.ndjson &&
	yq-explore --index odd -c "| cat" >out &&
	test_cmp expect out && test_line_count = 3 out
'

test_expect_success 'an index over archives the cron pipeline appends to' '
	head -n 150 "$TEST_DIR"/data/demo/posts.ndjson >b1.ndjson &&
	tail -n 150 "$TEST_DIR"/data/demo/posts.ndjson >b2.ndjson &&
	now=2026-11-21T12:00:00+08:00 &&
	yq-run --db state.db --append day.ndjson -- "cat b1.ndjson" yq-seg yq-score \
		"yq-cluster --db state.db --events --now $now" "yq-deadline --db state.db --now $now" &&
	yq-explore -q --index cron --update day.ndjson &&
	yq-run --db state.db --append day.ndjson -- "cat b2.ndjson" yq-seg yq-score \
		"yq-cluster --db state.db --events --now $now" "yq-deadline --db state.db --now $now" &&
	yq-explore -q --index cron --update day.ndjson &&
	for q in "info" "word 垃圾焚烧; count by platform" \
		"events; where warning=red; list" \
		"where categories=emergency.accident; count by kind" \
		"posts; where sentiment.label=negative places.code=331203; top 5 by heat"; do
		yq-explore -c "$q" day.ndjson >loaded &&
		yq-explore --index cron -c "$q" >indexed &&
		test_cmp loaded indexed || return 1
	done &&
	id=$(grep -m 1 "\"kind\":\"event\"" day.ndjson | jq -r .event_id) &&
	yq-explore -c "event $id" day.ndjson >loaded &&
	yq-explore --index cron -c "event $id" >indexed &&
	test_cmp loaded indexed
'

test_done
