#!/bin/sh
test_description='yq-alert in the demo pipeline: full batch, empty batch, one more post'
. "$(dirname "$0")"/test-lib.sh
. "$TEST_DIR"/lib/alertd.sh

D=$TEST_DIR/data/demo

if ! test_have_prereq PYTHON3; then
	test_expect_success PYTHON3 'the pipeline test needs python3' 'false'
	test_done
fi

test_expect_success 'start the test servers' '
	start_alertd
'

# The demo's posts as demo/run scores them; the latest is kept back
# for the third run.
test_expect_success 'the demo corpus, fetched, segmented and scored' '
	now=2026-11-23T00:00:00+08:00 &&
	yq-fetch --no-state --now $now "$D/crawl.warc.gz" >posts.ndjson &&
	yq-fetch --no-state --now $now -p weibo "$D/weibo.csv" >>posts.ndjson &&
	yq-fetch --no-state --now $now -p wechat --type json \
		--map title=标题,text=内容,author=作者,published_at=发布时间,url=链接,views=阅读数,likes=点赞 \
		"$D/wechat.ndjson" >>posts.ndjson &&
	cut -f2 "$D/places.tsv" | sed "s/\$/ ns/" >places.dict &&
	yq-seg -k 8 -u places.dict posts.ndjson >seg.ndjson &&
	yq-score --places "$D/places.tsv" seg.ndjson >scored.ndjson &&
	last=$(jq -r "[.published_at, .id] | @tsv" scored.ndjson | sort | tail -n 1 | cut -f2) &&
	grep -v "\"id\":\"$last\"" scored.ndjson >batch1.ndjson &&
	grep "\"id\":\"$last\"" scored.ndjson >batch3.ndjson &&
	test_line_count = 299 batch1.ndjson &&
	test_line_count = 1 batch3.ndjson
'

test_expect_success 'the subscriptions: a city, a district, a county office, emergencies' '
	cat >alerts.conf <<-EOF
	[*]
	channel webhook
	report https://yq.yunjiang.gov.cn/events/{event_id}.html

	# The city: orange and above anywhere in it, and every deadline.
	[city]
	url $WEB/city
	places 331200
	level orange

	# 北溪区: its events from blue up.
	[beixi]
	url $WEB/beixi
	places 331203
	level blue

	# 青石县: the events it must answer, whatever their warning.
	[qingshi]
	url $WEB/qingshi
	owners 青石县
	level none

	# Emergencies and rumours from yellow up, no deadlines.
	[emergency]
	url $WEB/emergency
	kinds emergency,rumour
	level yellow
	notify new,raised
	EOF
'

# One pipeline run: cluster, deadline, alert, all with the state.
run() {
	yq-cluster --db s.db --now $1 --events $2 >clustered &&
	yq-deadline --db s.db --now $1 --places "$D/places.tsv" clustered >deadline ||
		test $? = 1 &&
	yq-alert --db s.db --now $1 --conf alerts.conf deadline >out 2>err &&
	test_must_be_empty err &&
	test_cmp deadline out
}

# What each subscriber received: event, changes, subject, one a line.
received() {
	for s in city beixi qingshi emergency; do
		echo "[$s]"
		grep -h "^{" srv/$s.log 2>/dev/null |
			jq -r "[.alert.event_id, (.alert.changes | join(\",\")), .subject] | join(\" \")"
	done
}

test_expect_success 'run 1, the full batch: each subscriber its events' '
	run 2026-11-23T00:00:00+08:00 batch1.ndjson &&
	received >actual &&
	cat >expect <<-\EOF &&
	[city]
	E0d731c9e395a new 【橙色预警】我市调整住房公积金使用政策 二手房交易公积金贷款须满足房龄要求
	E04cb4263a3fb new 【红色预警】关于青石县化工园区沄江恒晟化工有限公司爆炸事故的情况通报
	E57d0d1298234 new 【红色预警】北溪区部分居民就桐岭垃圾焚烧发电项目选址表达诉求
	Ee8315d5095fa new 【红色预警】辟谣：网传“白沙县沄江大桥垮塌”系谣言
	E3b3215369178 new,overdue 【回应超期】临河部分区域停水超24小时 居民盼尽快恢复供水
	E596e9b21c3ab new 【红色预警】关于城东区实验小学部分学生身体不适的情况通报
	E8bcd2bf71021 overdue 【回应超期】青石化工园区爆炸，离我家三公里，玻璃碎了一地
	Ec967cf47623d overdue 【回应超期】联名信已经有两千三百多人签了，明天上午九点大家去北溪区政府门口递交，理性表达，不
	[beixi]
	E57d0d1298234 new 【红色预警】北溪区部分居民就桐岭垃圾焚烧发电项目选址表达诉求
	E745e69558ae2 new 【黄色预警】冬日沄江｜这五个地方，值得你专门跑一趟
	Ec967cf47623d new,overdue 【回应超期】联名信已经有两千三百多人签了，明天上午九点大家去北溪区政府门口递交，理性表达，不
	[qingshi]
	E8bcd2bf71021 new,overdue 【回应超期】青石化工园区爆炸，离我家三公里，玻璃碎了一地
	[emergency]
	E04cb4263a3fb new 【红色预警】关于青石县化工园区沄江恒晟化工有限公司爆炸事故的情况通报
	Ee8315d5095fa new 【红色预警】辟谣：网传“白沙县沄江大桥垮塌”系谣言
	E596e9b21c3ab new 【红色预警】关于城东区实验小学部分学生身体不适的情况通报
	EOF
	test_cmp expect actual
'

test_expect_success 'run 1 left nothing in the outbox' '
	yq-alert --outbox --db s.db >box &&
	test_must_be_empty box
'

test_expect_success 'run 2, an empty batch at six: only the deadline now due' '
	rm -f srv/*.log &&
	run 2026-11-23T06:00:00+08:00 /dev/null &&
	received >actual &&
	cat >expect <<-\EOF &&
	[city]
	Efb189e2fda77 due 【回应将到期】昨天的沄江二手房新规，后台几百条私信问能不能卖房
	[beixi]
	[qingshi]
	[emergency]
	EOF
	test_cmp expect actual &&
	grep "^{" srv/city.log | jq -r .text >actual &&
	cat >expect <<-\EOF &&
	变化：回应期限将到
	地点：沄江市
	预警：黄色
	类别：涉及群众切身利益
	责任单位：沄江市人民政府
	回应期限：2026-11-23 10:10（回应），剩余4小时10分
	规模：10条，1个来源，首发于2026-11-21 10:10
	首发链接：https://weibo.com/2298817765/C0LMyjidu
	专报：https://yq.yunjiang.gov.cn/events/Efb189e2fda77.html
	事件：Efb189e2fda77

	EOF
	test_cmp expect actual
'

test_expect_success 'run 3, one more post on an event: nobody hears again' '
	rm -f srv/*.log &&
	run 2026-11-23T06:10:00+08:00 batch3.ndjson &&
	grep "\"kind\":\"event\"" deadline >events &&
	test_line_count = 1 events &&
	received >actual &&
	printf "[city]\n[beixi]\n[qingshi]\n[emergency]\n" >expect &&
	test_cmp expect actual &&
	yq-alert --outbox --db s.db >box &&
	test_must_be_empty box
'

test_done
