#!/bin/sh
test_description='yq-fetch: platform names from exports become DESIGN'"'"'s set'
. "$(dirname "$0")"/test-lib.sh

test_expect_success 'an export'"'"'s 微博, 论坛, 公众号, 抖音 and unknown names' '
	cat >in.csv <<-\EOF &&
	正文,平台,链接
	一,微博,https://weibo.example/1
	二,论坛,https://bbs.example/2
	三,公众号,https://mp.example/3
	四,抖音,https://v.example/4
	五,某某平台,https://x.example/5
	六,WeChat,https://mp.example/6
	EOF
	yq-fetch --no-state --now 2026-11-20T00:00:00+08:00 in.csv >out &&
	jq -r .platform out >got &&
	printf "weibo\nforum\nwechat\nvideo\nother\nwechat\n" >expect &&
	test_cmp expect got
'

test_expect_success 'the demo export: 250 weibo and 10 forum posts' '
	yq-fetch --no-state "$TEST_DIR/data/demo/weibo.csv" >out &&
	jq -r .platform out | sort | uniq -c | sed "s/^ *//" >got &&
	printf "10 forum\n250 weibo\n" >expect &&
	test_cmp expect got
'

test_done
