#!/bin/sh
test_description='yq-fetch over HTTP: feeds lists, pages, failures, conditional GET'
. "$(dirname "$0")"/test-lib.sh
. "$TEST_DIR"/lib/httpd.sh

D=$TEST_DIR/data/fetch
E=$D/expect
NOW='--now 2026-11-25T12:00:00+08:00'
# Quick retries and no politeness pause, so the script stays short.
FAST='--delay 0 --retry-wait 0.05 --timeout 5 --connect-timeout 2'

if ! test_have_prereq PYTHON3; then
	test_expect_success PYTHON3 'HTTP tests need python3' 'false'
	test_done
fi

test_expect_success 'start the test server' '
	start_httpd "$D/www"
'

# Requests the server answered since the log was last cleared.
# The requests the server logged, sorted: transfers run at once (--jobs),
# so their order in the log is not fixed.  The server logs a request after
# answering it, so wait until the log stops growing (a busy machine lags).
served() {
	_n=-1 _k=0
	while test $_k -lt 50; do
		_m=$(wc -l <"$TRASH_DIR/httpd.log")
		test "$_m" = "$_n" && test "$_m" -gt 0 && break
		_n=$_m _k=$((_k + 1))
		sleep 0.2
	done
	awk "{ print \$1, \$2, \$3 }" "$TRASH_DIR/httpd.log" | sort
}

test_expect_success 'a feeds list: names, platforms, comments' '
	cat >feeds.txt <<-EOF &&
	# local news
	$HTTPD/feeds/rss2.xml
	$HTTPD/feeds/atom.xml 北溪政府 gov

	$HTTPD/feeds/rdf.xml 北溪 论坛 forum   # two-word name
	EOF
	yq-fetch --db state.db $NOW $FAST --feeds feeds.txt >out 2>err &&
	test_must_be_empty err &&
	jq -r "[.source, .platform, .title] | join(\"|\")" out >actual &&
	cat >expect <<-\EOT &&
	沄江日报·本地|news|北溪区回应垃圾焚烧项目选址问题
	沄江日报·本地|news|青石街道开展垃圾分类宣传 & 入户指导
	沄江日报·本地|news|北溪区发布寒潮蓝色预警
	北溪政府|gov|关于垃圾焚烧发电项目环境影响评价信息公开的说明
	北溪政府|gov|北溪区寒潮防御工作提示
	北溪 论坛|forum|焚烧厂离我们小区到底多远？
	北溪 论坛|forum|环评公示在哪里看
	EOT
	test_cmp expect actual
'

test_expect_success 'records from a fetched feed equal those from the file' '
	yq-fetch --no-state $NOW $FAST "$HTTPD/feeds/atom.xml" >actual &&
	test_cmp "$E/feed-atom.ndjson" actual
'

test_expect_success 'relative item links resolve against the feed URL' '
	yq-fetch --no-state $NOW $FAST "$HTTPD/feeds/rss2.xml" >out &&
	jq -r .url out >actual &&
	cat >expect <<-EOF &&
	https://news.example.cn/a/1.html?utm_source=rss&utm_medium=feed
	$HTTPD/a/2.html#comments
	https://News.Example.CN:443/a/3.html
	EOF
	test_cmp expect actual
'

test_expect_success 'cron run again: emits nothing, downloads nothing' '
	: >"$TRASH_DIR/httpd.log" &&
	yq-fetch --db state.db $NOW $FAST --feeds feeds.txt >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	served >actual &&
	cat >expect <<-\EOT &&
	GET /feeds/atom.xml 304
	GET /feeds/rdf.xml 304
	GET /feeds/rss2.xml 304
	EOT
	test_cmp expect actual &&
	! grep "inm=\"\"" "$TRASH_DIR/httpd.log"
'

test_expect_success 'a new feed in the list: only its items are new' '
	echo "$HTTPD/feeds/gbk.xml" >>feeds.txt &&
	yq-fetch --db state.db $NOW $FAST --feeds feeds.txt >out 2>err &&
	test_cmp "$E/feed-gbk.ndjson" out
'

test_expect_success 'the same item through another feed is not emitted twice' '
	yq-fetch --db state.db $NOW $FAST "$HTTPD/charset/utf-8/feeds/wrong-charset.xml" >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err
'

test_expect_success '--all emits what was seen; --no-state fetches in full' '
	: >"$TRASH_DIR/httpd.log" &&
	yq-fetch --db state.db --all $NOW $FAST "$HTTPD/feeds/gbk.xml" >out &&
	test_must_be_empty out &&
	yq-fetch --no-state $NOW $FAST "$HTTPD/feeds/gbk.xml" >out &&
	test_cmp "$E/feed-gbk.ndjson" out &&
	served >actual &&
	printf "GET /feeds/gbk.xml 200\nGET /feeds/gbk.xml 304\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'a failing source is reported, the others go on, exit 1' '
	: >"$TRASH_DIR/httpd.log" &&
	test_expect_code 1 yq-fetch --no-state $NOW $FAST --retries 2 \
		"$HTTPD/status/503" "$HTTPD/feeds/rdf.xml" >out 2>err &&
	test_cmp "$E/feed-rdf.ndjson" out &&
	echo "yq-fetch: $HTTPD/status/503: HTTP 503" >expect &&
	test_cmp expect err &&
	grep -c "status/503" "$TRASH_DIR/httpd.log" >count &&
	echo 3 >expect && test_cmp expect count
'

test_expect_success '5xx then success: retried with back-off' '
	yq-fetch --no-state $NOW $FAST --retries 2 "$HTTPD/flaky/2/feeds/rdf.xml" >out 2>err &&
	test_must_be_empty err &&
	test_cmp "$E/feed-rdf.ndjson" out
'

test_expect_success '404 is not retried' '
	: >"$TRASH_DIR/httpd.log" &&
	test_expect_code 1 yq-fetch --no-state $NOW $FAST "$HTTPD/nothing.xml" >out 2>err &&
	echo "yq-fetch: $HTTPD/nothing.xml: HTTP 404" >expect &&
	test_cmp expect err &&
	test_line_count = 1 "$TRASH_DIR/httpd.log"
'

test_expect_success 'redirects are followed, up to the limit' '
	yq-fetch --no-state $NOW $FAST "$HTTPD/redirect/3/feeds/rdf.xml" >out &&
	test_cmp "$E/feed-rdf.ndjson" out &&
	test_expect_code 1 yq-fetch --no-state $NOW $FAST --max-redirs 2 \
		"$HTTPD/redirect/3/feeds/rdf.xml" >out 2>err &&
	test_must_be_empty out &&
	echo "yq-fetch: $HTTPD/redirect/3/feeds/rdf.xml: more than 2 redirects" >expect &&
	test_cmp expect err
'

test_expect_success 'a redirect to another scheme is refused' '
	test_expect_code 1 yq-fetch --no-state $NOW $FAST "$HTTPD/redirect-scheme" >out 2>err &&
	test_must_be_empty out &&
	echo "yq-fetch: $HTTPD/redirect-scheme: redirect to a scheme other than http or https refused" >expect &&
	test_cmp expect err
'

test_expect_success 'only http and https URLs are fetched' '
	test_expect_code 1 yq-fetch --no-state $NOW $FAST ftp://127.0.0.1/x file:///etc/passwd >out 2>err &&
	test_must_be_empty out &&
	cat >expect <<-\EOT &&
	yq-fetch: ftp://127.0.0.1/x: only http and https URLs are fetched
	yq-fetch: file:///etc/passwd: only http and https URLs are fetched
	EOT
	test_cmp expect err
'

test_expect_success 'a slow server times out' '
	test_expect_code 1 yq-fetch --no-state $NOW --delay 0 --retry-wait 0.05 \
		--retries 1 --timeout 1 "$HTTPD/slow/3/feeds/rdf.xml" >out 2>err &&
	test_must_be_empty out &&
	test_grep "^yq-fetch: $HTTPD/slow/3/feeds/rdf.xml: Operation timed out" err
'

test_expect_success 'oversized bodies are refused, with or without Content-Length' '
	test_expect_code 1 yq-fetch --no-state $NOW $FAST --max-size 1000 \
		"$HTTPD/big/5000" "$HTTPD/stream/5000" "$HTTPD/big/900" >out 2>err &&
	cat >expect <<-EOF &&
	yq-fetch: $HTTPD/big/5000: response larger than 1000 bytes
	yq-fetch: $HTTPD/stream/5000: response larger than 1000 bytes
	EOF
	test_cmp expect err &&
	test_line_count = 1 out
'

test_expect_success 'pages: a list, wrong charset header, gzip' '
	: >"$TRASH_DIR/httpd.log" &&
	cat >urls.txt <<-EOF &&
	$HTTPD/pages/article1.html 北溪区政府 gov
	$HTTPD/charset/utf-8/pages/article2-gbk.html
	$HTTPD/gzip/pages/article3-nodecl.html 沄江日报
	EOF
	yq-fetch --no-state $NOW $FAST -j 3 --urls urls.txt >out 2>err &&
	test_must_be_empty err &&
	jq -r "[.source, .platform, .title, .author, .published_at] | join(\"|\")" out >actual &&
	cat >expect <<-EOF &&
	北溪区政府|gov|北溪区回应垃圾焚烧项目选址问题|北溪区生态环境局|2026-11-20T09:30:00+08:00
	127.0.0.1|news|北溪区居民就垃圾焚烧项目举行座谈|李明|2026-11-21T15:45:00+08:00
	沄江日报|news|北溪区居民就垃圾焚烧项目举行座谈|李明|2026-11-21T15:45:00+08:00
	EOF
	test_cmp expect actual &&
	jq -r .text out >text &&
	grep -q "二十余名居民代表" text
'

test_expect_success 'gzip: asked for with Accept-Encoding, sent compressed' '
	grep "^GET /gzip/pages/article3-nodecl.html 200 " "$TRASH_DIR/httpd.log" >line &&
	test_line_count = 1 line &&
	test_grep " ae=\"[^\"]*gzip[^\"]*\" " line &&
	size=$(wc -c <"$D/www/pages/article3-nodecl.html") &&
	sent=$(awk "{ print \$4 }" line) &&
	test "$sent" -gt 0 && test "$sent" -lt "$size"
'

test_expect_success 'the page id is that of its canonical URL' '
	jq -r .id out | head -n 1 >actual &&
	printf %s "$HTTPD/pages/article1.html" | sha1sum | cut -c1-16 >expect &&
	test_cmp expect actual
'

test_expect_success 'the User-Agent is configurable' '
	: >"$TRASH_DIR/httpd.log" &&
	yq-fetch --no-state $NOW $FAST -A "yq-test/1" "$HTTPD/feeds/rdf.xml" >out 2>err &&
	test_must_be_empty err &&
	test_cmp "$E/feed-rdf.ndjson" out &&
	test_line_count = 1 "$TRASH_DIR/httpd.log" &&
	test_grep "^GET /feeds/rdf.xml 200 [0-9]* ua=\"yq-test/1\" " "$TRASH_DIR/httpd.log"
'

test_expect_success 'without -A the User-Agent names yq-fetch and its version' '
	: >"$TRASH_DIR/httpd.log" &&
	yq-fetch --no-state $NOW $FAST "$HTTPD/feeds/rdf.xml" >out 2>err &&
	test_must_be_empty err &&
	test_line_count = 1 "$TRASH_DIR/httpd.log" &&
	test_grep " ua=\"yq-fetch/0.1.0 " "$TRASH_DIR/httpd.log"
'

# The log lines without byte count, User-Agent and Accept-Encoding.
validators() {
	sed "s/^\([A-Z]* [^ ]* [0-9]*\) [0-9]* ua=.* ims=/\1 ims=/" \
		"$TRASH_DIR/httpd.log"
}

test_expect_success 'Last-Modified only: the next run sends If-Modified-Since, gets 304, emits nothing' '
	: >"$TRASH_DIR/httpd.log" &&
	yq-fetch --db lastmod.db $NOW $FAST "$HTTPD/lastmod/feeds/rdf.xml" >out 2>err &&
	test_must_be_empty err &&
	test_cmp "$E/feed-rdf.ndjson" out &&
	yq-fetch --db lastmod.db $NOW $FAST "$HTTPD/lastmod/feeds/rdf.xml" >out 2>err &&
	test_must_be_empty err &&
	test_must_be_empty out &&
	validators >actual &&
	cat >expect <<-\EOT &&
	GET /lastmod/feeds/rdf.xml 200 ims="" inm=""
	GET /lastmod/feeds/rdf.xml 304 ims="Thu, 20 Nov 2025 00:00:00 GMT" inm=""
	EOT
	test_cmp expect actual
'

test_expect_success '--timeout 1 --retries 2 against a slow server: exactly 3 requests' '
	: >"$TRASH_DIR/httpd.log" &&
	test_expect_code 1 yq-fetch --no-state $NOW --delay 0 --retry-wait 0.05 \
		--retries 2 --timeout 1 "$HTTPD/slow/5/feeds/rdf.xml" >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	test_grep "^yq-fetch: $HTTPD/slow/5/feeds/rdf.xml: Operation timed out" err &&
	served >actual &&
	cat >expect <<-\EOT &&
	GET /slow/5/feeds/rdf.xml 200
	GET /slow/5/feeds/rdf.xml 200
	GET /slow/5/feeds/rdf.xml 200
	EOT
	test_cmp expect actual
'

test_expect_success 'an unreachable host is reported' '
	test_expect_code 1 yq-fetch --no-state $NOW --delay 0 --retries 0 \
		http://127.0.0.1:1/x.xml >out 2>err &&
	test_must_be_empty out &&
	test_grep "^yq-fetch: http://127.0.0.1:1/x.xml: " err
'

test_expect_success 'stop the test server' '
	stop_httpd
'

test_done
