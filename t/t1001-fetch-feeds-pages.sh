#!/bin/sh
test_description='yq-fetch reads feeds and article pages from files'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/fetch
W=$D/www
E=$D/expect
NOW='--now 2026-11-25T12:00:00+08:00'

for f in rss2 rdf atom gbk; do
	test_expect_success "feed file: $f" '
		yq-fetch --no-state $NOW "$W/feeds/$f.xml" >actual 2>err &&
		test_must_be_empty err &&
		test_cmp "$E/feed-$f.ndjson" actual
	'
done

test_expect_success 'a feed that says UTF-8 but is GBK is read as GBK' '
	yq-fetch --no-state $NOW "$W/feeds/wrong-charset.xml" >actual 2>err &&
	test_must_be_empty err &&
	test_cmp "$E/feed-gbk.ndjson" actual
'

test_expect_success 'relative item links resolve against --url' '
	yq-fetch --no-state $NOW --url https://other.example.cn/rss "$W/feeds/rss2.xml" >out &&
	jq -r .url out >actual &&
	cat >expect <<-\EOT &&
	https://news.example.cn/a/1.html?utm_source=rss&utm_medium=feed
	https://other.example.cn/a/2.html#comments
	https://News.Example.CN:443/a/3.html
	EOT
	test_cmp expect actual
'

test_expect_success 'ids come from canonical URLs' '
	jq -r .id "$E/feed-rss2.ndjson" >actual &&
	for u in https://news.example.cn/a/1.html https://news.example.cn/a/2.html \
		https://news.example.cn/a/3.html; do
		printf %s "$u" | sha1sum | cut -c1-16 || return 1
	done >expect &&
	test_cmp expect actual
'

test_expect_success 'a file that is not XML is an input error' '
	test_expect_code 2 yq-fetch --no-state $NOW "$W/feeds/broken.xml" >actual 2>err &&
	test_must_be_empty actual &&
	echo "yq-fetch: $W/feeds/broken.xml: not well-formed XML" >expect &&
	test_cmp expect err
'

test_expect_success 'XML that is not a feed is an input error' '
	test_expect_code 2 yq-fetch --no-state $NOW -t feed "$W/feeds/not-a-feed.xml" >actual 2>err &&
	test_must_be_empty actual &&
	echo "yq-fetch: $W/feeds/not-a-feed.xml: not an RSS, RDF or Atom feed" >expect &&
	test_cmp expect err
'

test_expect_success 'page: body, title, author and time by structure' '
	yq-fetch --no-state $NOW "$W/pages/article1.html" >actual 2>err &&
	test_must_be_empty err &&
	test_cmp "$E/page-article1.ndjson" actual
'

test_expect_success 'page declared gb2312, and one with no declaration' '
	yq-fetch --no-state $NOW --url https://news.example.cn/a/20.html \
		"$W/pages/article2-gbk.html" >actual &&
	test_cmp "$E/page-article2.ndjson" actual &&
	yq-fetch --no-state $NOW --url https://news.example.cn/a/20.html \
		"$W/pages/article3-nodecl.html" >actual &&
	test_cmp "$E/page-article2.ndjson" actual
'

test_expect_success 'page: copies the page hides (style, hidden, aria-hidden) are no text' '
	yq-fetch --no-state $NOW "$W/pages/article5-hidden.html" >out &&
	jq -r .text out >actual &&
	cat >expect <<-\EOT &&
	北溪区生态环境局今天召开新闻发布会，就垃圾焚烧项目选址问题作出回应，表示项目仍在论证阶段，将充分听取居民意见。
	发布会上，相关负责人介绍了项目环评的进展情况，并表示将在下月举行听证会，邀请周边居民代表参加。
	EOT
	test_cmp expect actual
'

test_expect_success 'page: an inline caption is no text (<span class="caption">)' '
	cat >caption.html <<-\EOT &&
	<html><head><title>t</title></head><body><div class="article">
	<p>北溪区生态环境局今天召开新闻发布会，就垃圾焚烧项目选址问题作出回应，表示项目仍在论证阶段。</p>
	<p><span class="newsCaption">发布会现场 <span class="caption">(图：沄江日报 )</span></span></p>
	<p>发布会上，相关负责人介绍了项目环评的进展情况，并表示将在下月举行听证会，邀请居民参加。</p>
	</div></body></html>
	EOT
	yq-fetch --no-state $NOW caption.html >out &&
	jq -r .text out >actual &&
	cat >expect <<-\EOT &&
	北溪区生态环境局今天召开新闻发布会，就垃圾焚烧项目选址问题作出回应，表示项目仍在论证阶段。
	发布会上，相关负责人介绍了项目环评的进展情况，并表示将在下月举行听证会，邀请居民参加。
	EOT
	test_cmp expect actual
'

test_expect_success 'UTF-8 with a stray byte stays UTF-8, the byte repaired' '
	printf "<html><head><title>t</title></head><body><p>北溪区生态环境局召开新闻发布会，\\377就项目选址作出回应。</p></body></html>" >stray.html &&
	yq-fetch --no-state $NOW stray.html >out &&
	jq -r .text out >actual &&
	echo "北溪区生态环境局召开新闻发布会，�就项目选址作出回应。" >expect &&
	test_cmp expect actual
'

test_expect_success 'scripts, styles, navigation and footer stay out of the text' '
	jq -r .text "$E/page-article1.ndjson" >text &&
	! grep -e tracker -e 首页 -e 版权所有 -e 相关新闻 -e 分享到 text
'

test_expect_success SHARED_DATA 'real Chinese pages: title, time and body' '
	Z=$SHARED_DIR/data/html-zh &&
	yq-fetch --no-state $NOW -t page "$Z/visiable_test_mydrivers_1.html" >out &&
	jq -r ".title, .published_at, .author" out >actual &&
	cat >expect <<-\EOT &&
	首次采样带回 嫦娥五号为什么是中国航天史上最复杂任务？一图看懂
	2020-11-23T10:22:14+08:00
	宪瑞
	EOT
	test_cmp expect actual &&
	jq -r .text out >text &&
	grep -q "嫦娥五号被称为中国航天史上最复杂的一次任务" text &&
	grep -q "探测器全重8.2吨" text
'

test_expect_success SHARED_DATA 'real Chinese pages: 163 and cmse' '
	Z=$SHARED_DIR/data/html-zh &&
	yq-fetch --no-state $NOW -t page "$Z/visiable_test_163_1.html" \
		"$Z/visiable_test_cmse_1.html" >out &&
	jq -r ".title, .published_at" out >actual &&
	cat >expect <<-\EOT &&
	广西省发生了一起事件，位置在来宾市，画面曝光
	2021-02-18T07:02:10+08:00
	载人航天工程全线备战空间站建造任务
	2021-01-05T00:00:00+08:00
	EOT
	test_cmp expect actual &&
	jq -r .text out >text &&
	grep -q "来宾市公安局立即组织警力开展案件侦办工作" text &&
	grep -q "中国载人航天工程已经全面转入空间站建造的任务准备阶段" text
'

# 021news: the time is the page's "发布于 2019-09-26 07:19:52" line and it
# names no author; the saved page lost its digits in the body text.
# thepaper: the site itself cuts the headline with "..." (<h1> and
# <title>), the time is a bare "2019-08-13 14:07", the author the account.
test_expect_success SHARED_DATA 'real Chinese pages: 021news and thepaper' '
	Z=$SHARED_DIR/data/html-zh &&
	yq-fetch --no-state $NOW -t page "$Z/visiable_test_021news_1.html" \
		"$Z/visiable_test_thepaper_1.html" >out 2>err &&
	test_must_be_empty err &&
	jq -r ".title, .published_at, .author" out >actual &&
	cat >expect <<-\EOT &&
	大牛股东山精密突然放量跌停 实控人减持后机构出货
	2019-09-26T07:19:52+08:00
	null
	定了！广州南沙邮轮母港即将开通！地铁直达+无敌免...
	2019-08-13T14:07:00+08:00
	中国广州发布
	EOT
	test_cmp expect actual &&
	jq -r .text out >text &&
	grep -q "而深交所盘后公布的公开资料显示" text &&
	grep -q "广州南沙国际邮轮母港将于11月17日正式开港" text
'

test_done
