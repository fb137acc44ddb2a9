#!/bin/sh
test_description='yq-fetch reads CSV and JSON exports'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/fetch
E=$D/expect
NOW='--now 2026-11-25T12:00:00+08:00'

test_expect_success 'CSV in UTF-8 with a BOM, columns guessed' '
	yq-fetch --no-state $NOW "$D/posts-bom.csv" >actual 2>err &&
	test_must_be_empty err &&
	test_cmp "$E/posts-bom.ndjson" actual
'

test_expect_success 'the same CSV in GB18030 gives the same posts' '
	yq-fetch --no-state $NOW -s posts-bom "$D/posts-gbk.csv" >actual 2>err &&
	test_must_be_empty err &&
	test_cmp "$E/posts-bom.ndjson" actual
'

test_expect_success 'a charset given outright is used' '
	yq-fetch --no-state $NOW -s posts-bom --charset GBK "$D/posts-gbk.csv" >actual &&
	test_cmp "$E/posts-bom.ndjson" actual
'

test_expect_success 'CSV from standard input with --type csv' '
	yq-fetch --no-state $NOW -t csv -s posts-bom <"$D/posts-gbk.csv" >actual &&
	test_cmp "$E/posts-bom.ndjson" actual
'

test_expect_success 'a GBK CSV on standard input is sniffed, from a file or a pipe, in one line' '
	echo "yq-fetch: standard input read as CSV by its first bytes (give --type to choose)" >expect-err &&
	yq-fetch --no-state $NOW -s posts-bom <"$D/posts-gbk.csv" >actual 2>err &&
	test_cmp "$E/posts-bom.ndjson" actual && test_cmp expect-err err &&
	cat "$D/posts-gbk.csv" | yq-fetch --no-state $NOW -s posts-bom >actual 2>err &&
	test_cmp "$E/posts-bom.ndjson" actual && test_cmp expect-err err &&
	cat "$D/posts.ndjson" | yq-fetch --no-state $NOW -s posts >actual 2>err;
	test $? = 2 &&
	yq-fetch --no-state $NOW "$D/posts.ndjson" >expect 2>/dev/null;
	test_cmp expect actual &&
	echo "yq-fetch: -:3: invalid JSON: '"'"'}'"'"' expected near end of file (column 22)" >expect &&
	test_cmp expect err
'

test_expect_success 'unknown column names need --map' '
	test_expect_code 2 yq-fetch --no-state $NOW "$D/posts-custom.csv" >actual 2>err &&
	test_must_be_empty actual &&
	echo "yq-fetch: $D/posts-custom.csv: no text or title column; name one with --map text=COLUMN" >expect &&
	test_cmp expect err
'

test_expect_success '--map names the columns' '
	yq-fetch --no-state $NOW -p weibo \
		--map text=内容正文,author=发帖人,published_at=时间戳,url=地址,title=标题x \
		"$D/posts-custom.csv" >actual 2>err &&
	test_must_be_empty err &&
	test_cmp "$E/posts-custom.ndjson" actual
'

test_expect_success 'a gzipped JSON dump or page cut short is an error' '
	printf "[{\"text\":\"a\"},{\"text\":\"b\"}]" | gzip -c >dump.json.gz &&
	head -c $(($(wc -c <dump.json.gz) - 4)) dump.json.gz >cut.json.gz &&
	test_expect_code 2 yq-fetch --no-state $NOW --type json cut.json.gz >actual 2>err &&
	echo "yq-fetch: cut.json.gz: truncated compressed data" >expect &&
	test_cmp expect err && test_must_be_empty actual &&
	printf "<html><head><title>t</title></head><body><p>%s</p></body></html>" \
		"正文内容足够长的一段话，作为正文。正文内容足够长的一段话，作为正文。" |
		gzip -c >page.html.gz &&
	yq-fetch --no-state $NOW page.html.gz >actual && test_line_count = 1 actual &&
	head -c $(($(wc -c <page.html.gz) - 4)) page.html.gz >cut.html.gz &&
	test_expect_code 2 yq-fetch --no-state $NOW cut.html.gz >actual 2>err &&
	echo "yq-fetch: cut.html.gz: truncated compressed data" >expect &&
	test_cmp expect err && test_must_be_empty actual
'

test_expect_success 'a gzipped export cut short: the whole rows, then an error' '
	yq-fetch --no-state $NOW "$D/posts-bom.csv" >whole &&
	gzip -c "$D/posts-bom.csv" >full.csv.gz &&
	size=$(wc -c <full.csv.gz) &&
	for cut in 1 100 300; do
		head -c $((size - cut)) full.csv.gz >cut.csv.gz &&
		test_expect_code 2 yq-fetch --no-state $NOW -s posts-bom cut.csv.gz >actual 2>err &&
		test_grep "^yq-fetch: cut.csv.gz:[0-9]*: truncated compressed data$" err &&
		test_line_count = 1 err &&
		n=$(wc -l <actual) && head -n $n whole >expect &&
		test_cmp expect actual || return 1
	done &&
	test_line_count = 0 actual
'

test_expect_success '--map naming a missing column is an input error' '
	test_expect_code 2 yq-fetch --no-state $NOW --map text=nope "$D/posts-bom.csv" >actual 2>err &&
	test_must_be_empty actual &&
	echo "yq-fetch: $D/posts-bom.csv: no column '\''nope'\'' for text" >expect &&
	test_cmp expect err
'

test_expect_success 'a bad --map is a usage error' '
	test_expect_code 2 yq-fetch --no-state --map text "$D/posts-bom.csv" >actual 2>err &&
	test_must_be_empty actual &&
	test_grep "^yq-fetch: --map: '\''text'\'': not FIELD=COLUMN" err &&
	test_expect_code 2 yq-fetch --no-state --map colour=x "$D/posts-bom.csv" 2>err &&
	test_grep "not FIELD=COLUMN" err
'

test_expect_success 'an unterminated quote is reported, exit 2' '
	test_expect_code 2 yq-fetch --no-state $NOW "$D/posts-broken.csv" >actual 2>err &&
	test_must_be_empty actual &&
	test_line_count = 1 err &&
	test_grep "^yq-fetch: $D/posts-broken.csv" err
'

test_expect_success 'a JSON array, nested author by --map' '
	yq-fetch --no-state $NOW --map author=user.name "$D/posts.json" >actual 2>err &&
	test_must_be_empty err &&
	test_cmp "$E/posts-json.ndjson" actual
'

test_expect_success 'NDJSON: good lines emitted, the bad one reported, exit 2' '
	test_expect_code 2 yq-fetch --no-state $NOW --map id=mid -s wb "$D/posts.ndjson" >actual 2>err &&
	test_cmp "$E/posts-ndjson.ndjson" actual &&
	echo "yq-fetch: $D/posts.ndjson:3: invalid JSON: '\''}'\'' expected near end of file (column 22)" >expect &&
	test_cmp expect err
'

test_expect_success 'NDJSON with --strict stops at the bad line' '
	test_expect_code 2 yq-fetch --no-state $NOW --strict --map id=mid -s wb "$D/posts.ndjson" >actual 2>err &&
	head -n 2 "$E/posts-ndjson.ndjson" >expect &&
	test_cmp expect actual
'

test_expect_success 'ids without URL: SHA-1 of source, 0x1f, native id' '
	printf "{\"mid\":\"M1\",\"text\":\"x\"}\n" >in.ndjson &&
	yq-fetch --no-state $NOW -s wb --map id=mid in.ndjson >actual &&
	printf "wb\037M1" | sha1sum | cut -c1-16 >expect &&
	jq -r .id actual >got &&
	test_cmp expect got
'

test_expect_success 'Weibo API objects: user, counts, time form, HTML text' '
	cat >api.ndjson <<-\EOT &&
	{"created_at":"Fri Nov 20 08:00:00 +0800 2026","idstr":"4711","text":"北溪区<a href=\"/n/x\">@北溪发布</a> 回应了吗？<br/>等消息","user":{"id":1,"screen_name":"青石小王"},"reposts_count":3,"comments_count":1,"attitudes_count":"1.5万"}
	EOT
	yq-fetch --no-state $NOW -p weibo -s 微博 api.ndjson >actual 2>err &&
	test_must_be_empty err &&
	id=$(printf "微博\0374711" | sha1sum | cut -c1-16) &&
	cat >expect <<-EOT &&
	{"id":"$id","kind":"post","source":"微博","platform":"weibo","text":"北溪区@北溪发布 回应了吗？\n等消息","author":"青石小王","published_at":"2026-11-20T08:00:00+08:00","fetched_at":"2026-11-25T12:00:00+08:00","metrics":{"reposts":3,"comments":1,"likes":15000}}
	EOT
	test_cmp expect actual
'

test_expect_success 'a missing file or a directory is an I/O error (3), the others are read' '
	test_expect_code 3 yq-fetch --no-state $NOW nosuch.csv "$D/posts-bom.csv" . >actual 2>err &&
	test_cmp "$E/posts-bom.ndjson" actual &&
	cat >expect <<-\EOF &&
	yq-fetch: cannot open '"'"'nosuch.csv'"'"': No such file or directory
	yq-fetch: cannot open '"'"'.'"'"': Is a directory
	EOF
	test_cmp expect err
'

test_expect_success 'an unknown --type is a usage error' '
	test_expect_code 2 yq-fetch --type pdf x 2>err &&
	test_grep "unknown type" err
'

test_expect_success 'a reader that goes away is not an error' '
	python3 -c "
import sys
sys.stdout.write(\"正文\\n\")
for i in range(20000): sys.stdout.write(\"第%d条\\n\" % i)" >many.csv &&
	{ yq-fetch --no-state $NOW many.csv; echo $? >status; } | head -n 1 >actual &&
	test_line_count = 1 actual &&
	echo 0 >expect && test_cmp expect status
'

test_expect_success 'a count beyond any real one is unknown, not undefined (a fuzzing find)' '
	printf "正文,链接,转发数,评论数\n北溪区,https://e.example.cn/1,99999999999999999999999,1.5万\n" >big.csv &&
	yq-fetch --no-state big.csv >out 2>err &&
	test_must_be_empty err &&
	jq -c .metrics out >got && echo "{\"comments\":15000}" >expect && test_cmp expect got
'

test_done
