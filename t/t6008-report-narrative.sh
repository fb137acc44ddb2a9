#!/bin/sh
test_description='yq-report: sentences written from the data, each with its evidence, read back'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/report
NOW="--now 2026-11-23T00:00:00+08:00"

test_expect_success 'daily: 今日概况 with the change on the period before, pinned' '
	yq-report daily --no-state $NOW -f json "$D/pipeline.ndjson" >d.json 2>err &&
	test_must_be_empty err &&
	jq -r ".sections[] | select(.name == \"overview\") | .statements[] | .text" d.json >got &&
	cat >expect <<-\EOT &&
	11月22日00时至11月23日00时，共监测到涉沄江市网络信息63条，其中负面21条，占33.3%；较前一时段（139条）减少54.7%。
	活跃事件17件，其中红色、橙色预警5件：“北溪区部分居民就桐岭垃圾焚烧发电项目选址表达诉求”、“关于青石县化工园区沄江恒晟化工有限公司爆炸事故的情况通报”、“临河部分区域停水超24小时 居民盼尽快恢复供水”、“关于城东区实验小学部分学生身体不适的情况通报”、“我市调整住房公积金使用政策 二手房交易公积金贷款须满足房龄要求”。
	需重点回应的事件7件，3件已逾期未回应：“青石化工园区爆炸，离我家三公里，玻璃碎了一地”、“临河部分区域停水超24小时 居民盼尽快恢复供水”、“联名信已经有两千三百多人签了，明天上午九点大家去北溪区政府门口递交，理性表达，不”。
	EOT
	test_cmp expect got
'

test_expect_success 'every statement has evidence; every id names a record of the input' '
	jq -r ".sections[] | .statements[]? | select((.events | length) + (.posts | length) == 0) | .text" d.json >none &&
	test_must_be_empty none &&
	grep "\"kind\":\"event\"" "$D/pipeline.ndjson" | jq -r .event_id | sort -u >events &&
	grep -v "\"kind\":\"event\"" "$D/pipeline.ndjson" | jq -r .id | sort -u >posts &&
	jq -r ".sections[] | .statements[]? | .events[]" d.json | sort -u >cited-events &&
	jq -r ".sections[] | .statements[]? | .posts[]" d.json | sort -u >cited-posts &&
	test -s cited-events && test -s cited-posts &&
	comm -23 cited-events events >unknown && test_must_be_empty unknown &&
	comm -23 cited-posts posts >unknown && test_must_be_empty unknown
'

test_expect_success 'the evidence supports the sentence: counts are the posts cited, posts are of the events cited' '
	jq -r ".sections[] | select(.name == \"overview\") | .statements[0] | .posts | length" d.json >got &&
	echo 63 >expect && test_cmp expect got &&
	jq -r ".sections[] | select(.name == \"judgements\") | .statements[] | \"\(.posts | length) \(.text | capture(\"本时段(?<k>[0-9]+)条\").k)\"" d.json >pairs &&
	test_line_count = 3 pairs &&
	while read cited said; do test "$cited" = "$said" || return 1; done <pairs &&
	grep "\"kind\":\"event\"" "$D/pipeline.ndjson" | jq -r "(.aliases // [])[] as \$a | \"\(\$a) \(.event_id)\"" >aliases &&
	grep -v "\"kind\":\"event\"" "$D/pipeline.ndjson" | jq -r "select(.event_id) | \"\(.id) \(.event_id)\"" >raw &&
	awk "NR == FNR { to[\$1] = \$2; next } { e = \$2; while (e in to && to[e] != e) e = to[e]; print \$1, e }" aliases raw | sort >post-event &&
	jq -r ".sections[] | select(.name == \"judgements\" or .name == \"views\") | .statements[] | .events[0] as \$e | .posts[] | \"\(.) \(\$e)\"" d.json | sort -u >claimed &&
	comm -23 claimed post-event >wrong && test_must_be_empty wrong
'

test_expect_success '研判, 网民观点 and 建议, pinned as text' '
	yq-report daily --no-state $NOW "$D/pipeline.ndjson" >d.txt &&
	sed -n "/^重点事件研判/,/^网民观点/p" d.txt | sed -n "3,6p" >got &&
	cat >expect <<-\EOT &&
	  “北溪区部分居民就桐岭垃圾焚烧发电项目选址表达诉求”首发于11月20日08:12，累计
	  帖子41条，本时段1条（负面1、中性0、正面0），主要涉及北溪区；最近6小时0条，此
	  前6小时0条，热度未再上升。第一责任主体为北溪区人民政府，回应时限11月22日08:12
	  ，已按时回应。
	EOT
	test_cmp expect got &&
	sed -n "/^建议/,/^负面帖子/p" d.txt | grep -c "〔事件" >got && echo 6 >expect && test_cmp expect got &&
	grep -q "“白沙县沄江大桥垮塌”" d.txt || grep -q "仍在发酵，建议持续发布权威信息" d.txt
'

test_expect_success 'a day with nothing to answer says so in one sentence' '
	yq-report daily --no-state $NOW -f json </dev/null >e.json &&
	jq -c "[.sections[] | select(.name == \"overview\") | .statements[] | .text]" e.json >got &&
	echo "[\"11月22日00时至11月23日00时，共监测到涉本地网络信息0条，其中负面0条，占0.0%；前一时段无数据可比。\",\"今日未监测到需重点回应的政务舆情。\"]" >expect &&
	test_cmp expect got
'

test_expect_success 'html: each event id links to its row, each post to its URL' '
	yq-report daily --no-state $NOW -f html -o d.html "$D/pipeline.ndjson" &&
	xmllint --noout d.html &&
	grep -o "href=\"#ev-[^\"]*\"" d.html | sed "s/href=\"#//; s/\"//" | sort -u >targets &&
	test -s targets &&
	while read t; do grep -q "<tr id=\"$t\"" d.html || { echo "no row $t"; return 1; }; done <targets &&
	test_grep "<p class=\"st\">.*<span class=\"src\">〔<a href=\"#ev-E3b3215369178\">E3b3215369178</a>" d.html
'

test_expect_success 'event: 事件概述 from its first post, pinned' '
	yq-report event E596e --no-state $NOW -f json "$D/pipeline.ndjson" >e.json &&
	jq -c ".sections[0] | [.name, .statements[0].text, .statements[0].events, .statements[0].posts]" e.json >got &&
	echo "[\"overview\",\"“关于城东区实验小学部分学生身体不适的情况通报”首发于11月21日12:05（微博，城东宝妈Lily），截至11月22日13:41累计帖子31条，其中转载22条；负面15条、中性16条、正面0条。第一责任主体为城东区市场监督管理局、城东区教育局，回应时限11月23日12:05，回应状态：已按时回应。\",[\"E596e9b21c3ab\"],[\"713f2aeb5d8acff6\"]]" >expect &&
	test_cmp expect got
'

test_done
