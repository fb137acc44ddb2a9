#!/bin/sh
test_description='yq-fetch --from: crawler exports by name, field by field'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/platform
E=$D/expect
NOW='--now 2025-11-20T12:00:00+08:00'

# from NAME STATUS FORMAT FILE...: the posts and messages of the golden
# files $E/NAME.ndjson and $E/NAME.err, and the exit status.
from() {
	name=$1 status=$2 format=$3
	shift 3
	(cd "$D" && yq-fetch --no-state $NOW --from "$format" "$@") >actual 2>err
	test $? = "$status" &&
	test_cmp "$E/$name.ndjson" actual &&
	test_cmp "$E/$name.err" err
}

test_expect_success 'MediaCrawler weibo: notes in CSV, comments in JSONL, a thread' '
	from weibo 2 mediacrawler-weibo mc-weibo-contents.csv mc-weibo-comments.jsonl
'

test_expect_success 'MediaCrawler douyin: a JSON array of videos and comments' '
	from douyin 2 mediacrawler-douyin mc-douyin.json
'

test_expect_success 'MediaCrawler xhs: ms times, counts as 1.2万 and 10万+' '
	from xhs 2 mediacrawler-xhs mc-xhs.csv mc-xhs-comments.csv
'

test_expect_success 'MediaCrawler bilibili: a bad line among the rest' '
	from bilibili 2 mediacrawler-bilibili mc-bilibili.jsonl
'

test_expect_success 'MediaCrawler zhihu: an answer in HTML and its comment' '
	from zhihu 2 mediacrawler-zhihu mc-zhihu.csv mc-zhihu-comments.csv
'

test_expect_success 'MediaCrawler tieba: times as 3分钟前 and 昨天 12:00' '
	from tieba 2 mediacrawler-tieba mc-tieba.csv mc-tieba-comments.csv
'

test_expect_success 'MediaCrawler kuaishou: counts in w, ms times' '
	from kuaishou 2 mediacrawler-kuaishou mc-kuaishou.json
'

test_expect_success 'Weibo API mblogs: reposts, a deleted original, verified types' '
	from weibo-api 2 weibo-api weibo-api.ndjson
'

test_expect_success 'weibo-crawler CSV: the author from weibo/NAME/ID.csv' '
	from crawler-csv 2 weibo-crawler "weibo/沄江发布/1234500001.csv"
'

test_expect_success 'weibo-crawler JSON: the user'"'"'s verification on each post' '
	from crawler-json 2 weibo-crawler "weibo/沄江发布/1234500001.json"
'

test_expect_success 'a post has the same id from every weibo format' '
	jq -r "select(.text | startswith(\"【情况通报】\")) | .id" \
		"$E/weibo-api.ndjson" "$E/crawler-csv.ndjson" \
		"$E/crawler-json.ndjson" | sort -u >ids &&
	echo a7cccb1a52bea75d >expect &&
	test_cmp expect ids
'

test_expect_success 'a comment answers its note; a reply the comment it answers' '
	jq -r "[.id, .reply_to // \"-\"] | @tsv" "$E/weibo.ndjson" >actual &&
	printf "c795f057e32409ee\t-\n6ce6e8b672fb0d6c\t-\nf0c396a5f600e34f\tc795f057e32409ee\nbc56e1996595c3f1\tf0c396a5f600e34f\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'an unknown format, and --map with --from, are usage errors' '
	test_expect_code 2 yq-fetch --no-state --from mediacrawler-tiktok x.csv 2>err &&
	head -1 err >actual &&
	echo "yq-fetch: --from: '"'"'mediacrawler-tiktok'"'"': unknown format" >expect &&
	test_cmp expect actual &&
	test_expect_code 2 yq-fetch --no-state --from weibo-api --map text=x x.json 2>err &&
	head -1 err >actual &&
	echo "yq-fetch: --map: '"'"'--from'"'"': the format names the fields" >expect &&
	test_cmp expect actual
'

test_expect_success '--from reads exports only' '
	echo "<html><body><p>x</p></body></html>" >page.html &&
	test_expect_code 2 yq-fetch --no-state --from weibo-api page.html 2>err &&
	echo "yq-fetch: page.html: --from reads CSV or JSON exports only" >expect &&
	test_cmp expect err
'

test_done
