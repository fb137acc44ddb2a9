#!/bin/sh
test_description='yq-fetch: every page of the demo crawl gives its post exactly (title, time, text)'
. "$(dirname "$0")"/test-lib.sh

DEMO=$TEST_DIR/data/demo
# The demo pages carry the traps of real sites (t/data/demo/README): the
# day's date in a top bar, dates inside the article, the headline and an
# info table above a government body, a copyright line under it.
key='[.url, .title, .published_at, .text] | @json'

test_expect_success 'the WARC crawl: 31 posts, each as posts.ndjson has it' '
	yq-fetch --no-state --now 2026-11-23T00:00:00+08:00 "$DEMO/crawl.warc.gz" >out 2>err &&
	test_must_be_empty err &&
	test_line_count = 31 out &&
	jq -r "$key" out | sort >got &&
	jq -r "select(.platform == \"news\" or .platform == \"gov\") | $key" "$DEMO/posts.ndjson" |
		sort >expect &&
	test_cmp expect got
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

test_expect_success 'a page whose best block is the document itself (a fuzzing find: a leak)' '
	yq-fetch --no-state --url https://example.cn/a.html "$TEST_DIR/data/fetch/fuzz-root.html" >out 2>err;
	test $? -le 2 && ! grep -q "LeakSanitizer" err
'

test_done
