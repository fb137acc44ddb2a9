#!/bin/sh
test_description='yq-fetch: every page of the demo crawl gives its post exactly (title, author, time, text); the feeds and dumps too'
. "$(dirname "$0")"/test-lib.sh

DEMO=$TEST_DIR/data/demo
# The demo pages carry the traps of real sites (t/data/demo/README): the
# day's date in a top bar, dates inside the article, the headline and an
# info table above a government body, a copyright line under it.
key='[.url, .title, .author, .published_at, .text] | @json'

test_expect_success 'the WARC crawl: 31 posts, each as posts.ndjson has it' '
	yq-fetch --no-state --now 2026-11-23T00:00:00+08:00 "$DEMO/crawl.warc.gz" >out 2>err &&
	test_must_be_empty err &&
	test_line_count = 31 out &&
	jq -r "$key" out | sort >got &&
	jq -r "select(.platform == \"news\" or .platform == \"gov\") | $key" "$DEMO/posts.ndjson" |
		sort >expect &&
	test_cmp expect got
'

# An RFC 3339 time as seconds since the epoch: feeds give GMT, the
# reference +08:00; the instants must agree.
inst='def inst: if . == null then null else (.[0:19] + "Z" | fromdateiso8601) -
	(if .[19:20] == "+" then 1 elif .[19:20] == "-" then -1 else 0 end) *
	(if (.[19:20] == "+" or .[19:20] == "-") then
	 (.[20:22] | tonumber) * 3600 + (.[23:25] | tonumber) * 60 else 0 end) end;'
ikey="$inst [.url, .title, (.published_at | inst), .text] | @json"

test_expect_success 'the pages one by one: title, time and text as expected.tsv and posts.ndjson' '
	tail -n +2 "$DEMO/pages/expected.tsv" >rows &&
	test_line_count = 31 rows &&
	: >got && : >expect &&
	while IFS="	" read -r file title time b30
	do
		yq-fetch --no-state --now 2026-11-23T00:00:00+08:00 \
			"$DEMO/pages/$file" >out 2>err &&
		test_must_be_empty err &&
		test_line_count = 1 out &&
		jq -r --arg f "$file" "[\$f, .title, .author, .published_at, .text] | @json" out >>got &&
		jq -r --arg f "$file" --arg t "$title" --arg p "$time" \
			"select(.title == \$t and .published_at == \$p) |
			 [\$f, .title, .author, .published_at, .text] | @json" "$DEMO/posts.ndjson" >>expect ||
		return 1
	done <rows &&
	test_line_count = 31 expect &&
	test_cmp expect got
'

test_expect_success 'the feeds: the 31 posts, same title, text and instant as posts.ndjson' '
	rm -f out err &&
	for f in yjrb.xml yjnews.xml zjcb.rdf gov.atom
	do
		yq-fetch --no-state --now 2026-11-23T00:00:00+08:00 \
			"$DEMO/feeds/$f" >>out 2>>err || return 1
	done &&
	test_must_be_empty err &&
	test_line_count = 31 out &&
	jq -r "$ikey" out | sort >got &&
	jq -r "select(.platform == \"news\" or .platform == \"gov\") | $ikey" \
		"$DEMO/posts.ndjson" | sort >expect &&
	test_cmp expect got
'

dkey='[.url, .platform, .author, .published_at, .text] | @json'
test_expect_success 'the CSV exports (GBK, UTF-8 with BOM): the weibo and forum posts exactly' '
	jq -r "select(.platform == \"weibo\" or .platform == \"forum\") | $dkey" \
		"$DEMO/posts.ndjson" | sort >expect &&
	for f in weibo.csv weibo-utf8bom.csv
	do
		yq-fetch --no-state -p weibo "$DEMO/$f" >out 2>err &&
		test_must_be_empty err &&
		jq -r "$dkey" out | sort >got &&
		test_cmp expect got || return 1
	done
'

test_expect_success 'the WeChat dumps (NDJSON, JSON array): title, text, time, metrics' '
	key="[.url, .title, .author, .published_at, .text, .metrics.views, .metrics.likes] | @json" &&
	jq -r "select(.platform == \"wechat\") | $key" "$DEMO/posts.ndjson" | sort >expect &&
	for f in wechat.ndjson wechat.json
	do
		yq-fetch --no-state -p wechat --type json --map \
title=标题,text=内容,author=作者,published_at=发布时间,url=链接,views=阅读数,likes=点赞 \
			"$DEMO/$f" >out 2>err &&
		test_must_be_empty err &&
		jq -r "$key" out | sort >got &&
		test_cmp expect got || return 1
	done
'

test_expect_success 'a top-bar date without a time does not win over the article'"'"'s' '
	yq-fetch --no-state --url https://www.yjrb.com.cn/content/2026-11/20/content_880155.html \
		"$DEMO/pages/yjrb-1120-1.html" >out &&
	jq -r .published_at out >got &&
	echo 2026-11-20T09:40:00+08:00 >expect && test_cmp expect got
'

test_expect_success 'a government page: no headline or info table in the text; the signature date kept' '
	yq-fetch --no-state --url https://www.yunjiang.gov.cn/art/2026/11/20/art_1228_59019.html \
		"$DEMO/pages/gov-1120-1.html" >out &&
	jq -r .text out >text &&
	head -n 1 text >got && test_grep "^2026年11月20日15时19分许" got &&
	tail -n 1 text >got && echo 2026年11月20日 >expect && test_cmp expect got
'

test_expect_success 'no metadata: the labelled date under the headline, not the top bar'"'"'s; no repeat, info row or copyright line' '
	yq-fetch --no-state --url https://www.linhe.gov.cn/art/2026/11/21/art_1.html \
		"$TEST_DIR/data/fetch/www/pages/article4-traps.html" >out 2>err &&
	test_must_be_empty err &&
	jq -r ".title, .published_at, .author" out >got &&
	cat >expect <<-\EOF &&
	临河市自来水公司回应城区停水问题
	2026-11-21T16:45:00+08:00
	来源：临河市住房和城乡建设局
	EOF
	test_cmp expect got &&
	jq -r .text out >got &&
	cat >expect <<-\EOF &&
	11月20日起，临河市城区部分片区出现停水，市自来水公司21日下午作出回应：停水系老城区主供水管道爆裂所致，抢修队伍已连夜作业。
	据介绍，受影响的约1.2万户居民将于22日上午前陆续恢复供水，抢修期间设置了12个临时供水点，并安排送水车进入小区。
	市自来水公司表示，老城区供水管网改造计划于2026年12月1日前完成，届时将大幅减少类似情况，对给市民带来的不便深表歉意。
	EOF
	test_cmp expect got
'

test_expect_success 'no <title>: the h1; the time under it wins over a clock above it and a date in the text, a short first sentence with a date stays' '
	printf "<html><body><div class=\"top\">%s</div><h1>%s</h1><div class=\"info\">%s</div><div class=\"content\"><p>%s</p><p>%s</p></div></body></html>" \
		"沄江日报 2026-11-22 08:00 首页 数字报" "北溪区调整垃圾分类收运时间" \
		"2026年11月21日 16:45 来源：北溪发布" \
		"北溪区城市管理局21日发布通告，调整全区生活垃圾分类收运时间，新规自2026年12月1日 09:00起施行。" \
		"通告明确，厨余垃圾每日早晚各收运一次，其他垃圾每日收运一次，可回收物实行预约上门回收。" >c.html &&
	yq-fetch --no-state --url https://example.cn/c.html c.html >out 2>err &&
	test_must_be_empty err &&
	jq -r ".title, .published_at, .author, .text" out >got &&
	cat >expect <<-\EOF &&
	北溪区调整垃圾分类收运时间
	2026-11-21T16:45:00+08:00
	来源：北溪发布
	北溪区城市管理局21日发布通告，调整全区生活垃圾分类收运时间，新规自2026年12月1日 09:00起施行。
	通告明确，厨余垃圾每日早晚各收运一次，其他垃圾每日收运一次，可回收物实行预约上门回收。
	EOF
	test_cmp expect got
'

test_expect_success 'an info row of label: value fields heads the body, a dated copyright ends it: both dropped; a photo credit kept' '
	p1="<p>北溪区生态环境局召开新闻发布会，就项目选址作出回应，表示将公开环评全本。</p>" &&
	p2="<p>区生态环境局表示，将邀请居民代表参与项目建设全过程监督，定期公开排放监测数据。</p>" &&
	printf "<html><body><h1>北溪区回应项目选址</h1><div class=\"content\"><p>信息提供：北溪区水务集团　点击数：1024</p>%s%s<p>%s</p></div></body></html>" \
		"$p1" "$p2" "© 2026 北溪区人民政府" >a.html &&
	printf "<html><body><h1>北溪区回应项目选址</h1><div class=\"content\">%s%s<p>%s</p></div></body></html>" \
		"$p1" "$p2" "© 新华社" >b.html &&
	yq-fetch --no-state --url https://example.cn/a.html a.html >a.out 2>err &&
	test_must_be_empty err &&
	yq-fetch --no-state --url https://example.cn/b.html b.html >b.out 2>err &&
	test_must_be_empty err &&
	jq -r .text a.out b.out >got &&
	cat >expect <<-\EOF &&
	北溪区生态环境局召开新闻发布会，就项目选址作出回应，表示将公开环评全本。
	区生态环境局表示，将邀请居民代表参与项目建设全过程监督，定期公开排放监测数据。
	北溪区生态环境局召开新闻发布会，就项目选址作出回应，表示将公开环评全本。
	区生态环境局表示，将邀请居民代表参与项目建设全过程监督，定期公开排放监测数据。
	© 新华社
	EOF
	test_cmp expect got
'

test_expect_success 'a page whose best block is the document itself (a fuzzing find: a leak)' '
	yq-fetch --no-state --url https://example.cn/a.html "$TEST_DIR/data/fetch/fuzz-root.html" >out 2>err;
	test $? -le 2 && ! grep -q "LeakSanitizer" err
'

test_done
