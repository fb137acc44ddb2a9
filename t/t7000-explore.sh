#!/bin/sh
test_description='yq-explore commands, scripted'
. "$(dirname "$0")"/test-lib.sh

# t7010 runs these tests again over an index: the yq-explore first on
# PATH then indexes the files it is given and queries the index.  The
# tests of loading itself (compressed files, globs) need loaded files.
if test -n "$YQ_EXPLORE_INDEXED"; then
	PATH=$TEST_DIR/lib/indexed:$PATH
else
	test_set_prereq LOADED
fi

cp "$TEST_DIR"/data/explore/small.ndjson posts.ndjson

test_expect_success 'info says what was loaded and over what span' '
	yq-explore -c info posts.ndjson >out 2>err &&
	echo "9 records (7 posts, 2 events) from 2026-11-20T09:10:00+08:00 to 2026-11-22T11:00:00+08:00; 9 selected" >expect &&
	test_cmp expect out && test_must_be_empty err
'

test_expect_success 'count by a field draws a histogram, most frequent first' '
	yq-explore -c "posts; count by platform" posts.ndjson >out 2>err &&
	cat >expect <<-\EOF &&
	7 of 9 records
	      4  weibo  ########################################
	      2  news   ####################
	      1  gov    ##########
	EOF
	test_cmp expect out && test_must_be_empty err
'

test_expect_success 'count by an array field counts each element' '
	yq-explore -c "count by places.name" posts.ndjson >out &&
	cat >expect <<-\EOF &&
	      5  北溪区  ########################################
	      3  青石县  ########################
	      1  沄江市  ########
	EOF
	test_cmp expect out
'

test_expect_success 'count by keywords counts the word of each [word, weight] pair' '
	yq-explore -c "count by keywords" posts.ndjson >out &&
	cat >expect <<-\EOF &&
	      1  焚烧   ########################################
	      1  爆炸   ########################################
	EOF
	test_cmp expect out
'

test_expect_success 'grep filters title and text with PCRE2; count by day shows every day' '
	yq-explore -c "grep 焚烧|爆炸; count; count by day" posts.ndjson >out &&
	cat >expect <<-\EOF &&
	8 of 9 records
	8
	      4  2026-11-20  ########################################
	      4  2026-11-21  ########################################
	EOF
	test_cmp expect out
'

test_expect_success 'where: numbers, nested fields, arrays, regex, negation' '
	yq-explore -c "where heat>3 platform=weibo; undo; where sentiment.label=negative places.code=331221; undo; where categories=official_answer; undo; where author~^北溪 dup_of!=a000000000000002; undo; where dup_of" posts.ndjson >out &&
	cat >expect <<-\EOF &&
	2 of 9 records
	9 of 9 records
	2 of 9 records
	9 of 9 records
	1 of 9 records
	9 of 9 records
	2 of 9 records
	9 of 9 records
	1 of 9 records
	EOF
	test_cmp expect out
'

test_expect_success 'where compares times as times' '
	yq-explore -c "where published_at>=2026-11-21 published_at<2026-11-21T12:00:00+08:00; list" posts.ndjson >out &&
	cat >expect <<-\EOF &&
	2 of 9 records
	a000000000000005  2026-11-21T02:30:00+08:00  news    青石县化工园区一企业发生爆炸
	a000000000000006  2026-11-21T02:05:00+08:00  weibo   青石那边好大的爆炸声，窗户都在震
	EOF
	test_cmp expect out
'

test_expect_success 'where reads a relative time in a record against --now' '
	printf "%s\n" \
		"{\"id\":\"r1\",\"kind\":\"post\",\"platform\":\"weibo\",\"title\":\"甲\",\"published_at\":\"2026-11-25T09:00:00+08:00\",\"seen\":\"2小时前\"}" \
		"{\"id\":\"r2\",\"kind\":\"post\",\"platform\":\"weibo\",\"title\":\"乙\",\"published_at\":\"2026-11-25T09:30:00+08:00\",\"seen\":\"3天前\"}" >rel.ndjson &&
	yq-explore --now 2026-11-25T10:00:00+08:00 \
		-c "where seen>=2026-11-25T07:00:00+08:00; list" rel.ndjson >out 2>err &&
	cat >expect <<-\EOF &&
	1 of 2 records
	r1                2026-11-25T09:00:00+08:00  weibo   甲
	EOF
	test_cmp expect out &&
	test_must_be_empty err
'

test_expect_success 'since and until window the records (events by first_seen)' '
	yq-explore -c "since 2026-11-21 00:00; until 2026-11-22; count by kind" posts.ndjson >out &&
	cat >expect <<-\EOF &&
	5 of 9 records
	4 of 9 records
	      3  post   ########################################
	      1  event  ##############
	EOF
	test_cmp expect out
'

test_expect_success 'a filter that leaves nothing exits 1' '
	test_expect_code 1 yq-explore -c "grep 没有这个词" posts.ndjson >out &&
	echo "0 of 9 records" >expect &&
	test_cmp expect out
'

test_expect_success 'top N by a numeric field' '
	yq-explore -c "top 3 by heat" posts.ndjson >out &&
	cat >expect <<-\EOF &&
	      10.2  E9f8e7d6c5b4a     2026-11-21T02:05:00+08:00  event   posts=2     red     青石县化工园区一企业发生爆炸
	       9.1  E1a2b3c4d5e6f     2026-11-20T09:10:00+08:00  event   posts=4     yellow  北溪区垃圾焚烧发电项目引发居民关注
	       8.1  a000000000000005  2026-11-21T02:30:00+08:00  news    青石县化工园区一企业发生爆炸
	EOF
	test_cmp expect out
'

test_expect_success 'show prints the whole record, tokens included' '
	yq-explore -c "show a000000000000001" posts.ndjson >out &&
	head -n 1 posts.ndjson | jq --indent 2 . >expect &&
	test_cmp expect out
'

test_expect_success 'show of an unknown id is an error with status 1' '
	test_expect_code 1 yq-explore -c "show nosuchid" posts.ndjson >out 2>err &&
	echo "yq-explore: show: no record with id '"'"'nosuchid'"'"'" >expect &&
	test_cmp expect err && test_must_be_empty out
'

test_expect_success 'event lists the event and its posts in time order, with a timeline' '
	yq-explore -c "event E9f8e7d6c5b4a" posts.ndjson >out &&
	cat >expect <<-\EOF &&
	E9f8e7d6c5b4a     2026-11-21T02:05:00+08:00  event   posts=2     red     青石县化工园区一企业发生爆炸
	a000000000000006  2026-11-21T02:05:00+08:00  weibo   青石那边好大的爆炸声，窗户都在震
	a000000000000005  2026-11-21T02:30:00+08:00  news    青石县化工园区一企业发生爆炸
	posts per hour:
	      2  2026-11-21T02:00  ########################################
	EOF
	test_cmp expect out
'

test_expect_success 'a pipe gets the selection as the original NDJSON lines' '
	yq-explore -c "event E1a2b3c4d5e6f; | cat >piped.ndjson" posts.ndjson >out &&
	{ sed -n 8p posts.ndjson && sed -n 1,4p posts.ndjson; } >expect &&
	test_cmp expect piped.ndjson
'

test_expect_success 'the status of a pipe is the status of its command' '
	test_expect_code 3 yq-explore -c "| exit 3" posts.ndjson
'

test_expect_success 'export writes NDJSON, and CSV with a header' '
	yq-explore -c "grep 爆炸; export blast.ndjson; export blast.csv" posts.ndjson >out &&
	cat >expect <<-\EOF &&
	3 of 9 records
	3 records written to blast.ndjson
	3 records written to blast.csv
	EOF
	test_cmp expect out &&
	grep 爆炸 posts.ndjson >expect &&
	test_cmp expect blast.ndjson &&
	cat >expect <<-\EOF &&
	"kind","id","event_id","time","platform","source","author","title","text","url","heat","risk","sentiment.label"
	"post","a000000000000005","E9f8e7d6c5b4a","2026-11-21T02:30:00+08:00","news","沄江新闻网","沄江新闻网","青石县化工园区一企业发生爆炸","11月21日凌晨，青石县化工园区一化工企业发生爆炸，造成3人死亡。","https://www.yjnews.example/c/5.html","8.1","92","negative"
	"post","a000000000000006","E9f8e7d6c5b4a","2026-11-21T02:05:00+08:00","weibo","微博","青石小王","","青石那边好大的爆炸声，窗户都在震","https://weibo.example/u/3/6","3.9","60","negative"
	"event","","E9f8e7d6c5b4a","2026-11-21T02:05:00+08:00","","","","青石县化工园区一企业发生爆炸","","","10.2","92",""
	EOF
	test_cmp expect blast.csv
'

test_expect_success 'commands come from standard input when it is not a terminal' '
	printf "grep 北溪\ncount by platform\n" >script &&
	yq-explore posts.ndjson <script >out &&
	cat >expect <<-\EOF &&
	5 of 9 records
	      2  weibo  ########################################
	      1  gov    ####################
	      1  news   ####################
	EOF
	test_cmp expect out
'

test_expect_success '-f runs a script file; a ; inside quotes does not split -c' '
	yq-explore -f script posts.ndjson >out2 &&
	test_cmp out out2 &&
	yq-explore -c "grep \"；|;\"; count" posts.ndjson >out &&
	printf "0 of 9 records\n0\n" >expect &&
	test_cmp expect out
'

test_expect_success LOADED 'gzip input and quoted globs load' '
	gzip -c posts.ndjson >a.ndjson.gz && cp posts.ndjson b.ndjson &&
	yq-explore -c info "*.ndjson.gz" b.ndjson >out &&
	echo "18 records (14 posts, 4 events) from 2026-11-20T09:10:00+08:00 to 2026-11-22T11:00:00+08:00; 18 selected" >expect &&
	test_cmp expect out
'

test_expect_success 'bad commands are errors with status 2' '
	test_expect_code 2 yq-explore -c "frobnicate" posts.ndjson 2>err &&
	echo "yq-explore: unknown command '"'"'frobnicate'"'"' (try '"'"'help'"'"')" >expect &&
	test_cmp expect err &&
	test_expect_code 2 yq-explore -c "where heat>>3" posts.ndjson 2>err &&
	test_grep "bad pattern\|unknown operator\|not a condition" err &&
	test_expect_code 2 yq-explore -c "grep (" posts.ndjson 2>err &&
	test_grep "grep: bad pattern" err &&
	test_expect_code 2 yq-explore -c "top x by heat" posts.ndjson 2>err &&
	test_grep "top: N is invalid" err &&
	test_expect_code 2 yq-explore -c "undo" posts.ndjson 2>err &&
	test_grep "nothing to undo" err &&
	test_expect_code 2 yq-explore -c "since yesterdayish" posts.ndjson 2>err &&
	test_grep "since: not a time" err
'

test_expect_success 'bad input lines are reported, the rest loaded, status 2' '
	{ head -n 2 posts.ndjson && echo "{broken" && tail -n 1 posts.ndjson; } >mixed.ndjson &&
	test_expect_code 2 yq-explore -c count mixed.ndjson >out 2>err &&
	echo 3 >expect && test_cmp expect out &&
	test_grep "^yq-explore: mixed.ndjson:3: invalid JSON" err
'

test_expect_success 'a missing file is an I/O error before any command' '
	test_expect_code 3 yq-explore -c count nosuch.ndjson >out 2>err &&
	test_must_be_empty out &&
	test_grep "cannot open .nosuch.ndjson." err
'

test_expect_success 'help lists every command; help for one' '
	yq-explore -c "help top" posts.ndjson >out &&
	echo "  top     N by FIELD         the N records with the highest numeric FIELD" >expect &&
	test_cmp expect out &&
	yq-explore -c help posts.ndjson >out &&
	test_line_count = 25 out
'

test_expect_success 'timer reports each command'"'"'s time on stderr only' '
	yq-explore -c "timer on; count" posts.ndjson >out 2>err &&
	echo 9 >expect && test_cmp expect out &&
	grep -E "^\(count: [0-9]+\.[0-9]{3} s\)$" err &&
	test_expect_code 2 yq-explore -c "timer maybe" posts.ndjson 2>err &&
	test_grep "usage: timer on|off" err
'

test_expect_success 'usage errors' '
	test_expect_code 2 yq-explore 2>err &&
	test_grep "^usage: yq-explore" err &&
	test_expect_code 2 yq-explore --bogus x 2>err &&
	test_grep "unknown option" err &&
	yq-explore --version >out &&
	echo "yq-explore (yq) 0.1.0" >expect && test_cmp expect out
'

test_expect_success 'a reader that goes away ends the session quietly (yq-explore | head)' '
	awk "BEGIN { for (i = 1; i <= 5000; i++) printf \"{\\\"id\\\":\\\"p%d\\\",\\\"text\\\":\\\"帖子 %d\\\"}\\n\", i, i }" >many &&
	{ yq-explore -c "list 5000; list 5000" many 2>err; echo $? >status; } | head -n 1 >first &&
	echo "p1                -                          -       帖子 1" >expect &&
	test_cmp expect first &&
	echo 0 >expect && test_cmp expect status &&
	test_must_be_empty err &&
	test_expect_code 3 yq-explore -c "list 5000" many >/dev/full 2>err &&
	echo "yq-explore: write error: No space left on device" >expect &&
	test_cmp expect err
'

test_done
