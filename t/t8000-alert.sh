#!/bin/sh
test_description='yq-alert: what is news to whom, once per change; subscriptions; bad input'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/alert
NOW='--now 2026-11-23T00:00:00+08:00'
# Every subscriber of alerts.conf points at the discard port: sends fail.
DRY="--conf $D/alerts.conf --dry-run"

test_expect_success 'dry run: each subscriber hears of its events, in Chinese' '
	yq-alert $DRY --no-state $NOW "$D/small.ndjson" >actual 2>err &&
	test_must_be_empty err &&
	test_cmp "$D/dry-run.txt" actual
'

test_expect_success 'without --dry-run the records go on unchanged' '
	yq-alert --conf "$D/alerts.conf" --db s.db $NOW --timeout 2s \
		"$D/small.ndjson" >out 2>err
	test $? = 1 &&
	test_cmp "$D/small.ndjson" out
'

test_expect_success 'a send that fails is said on stderr, one line each, and kept' '
	cat >expect <<-\EOF &&
	yq-alert: city: E1 (【黄色预警】北溪区桐岭垃圾站臭气扰民): Couldn'"'"'t connect to server
	yq-alert: beixi: E1 (【黄色预警】北溪区桐岭垃圾站臭气扰民): Couldn'"'"'t connect to server
	yq-alert: topic: E1 (【黄色预警】北溪区桐岭垃圾站臭气扰民): Couldn'"'"'t connect to server
	yq-alert: city: E2 (【红色预警】青石县化工园区爆炸): Couldn'"'"'t connect to server
	yq-alert: emergency: E2 (【红色预警】青石县化工园区爆炸): Couldn'"'"'t connect to server
	yq-alert: city: E3 (【回应超期】城东区一小学食堂饭菜质量引家长质疑): Couldn'"'"'t connect to server
	EOF
	test_cmp expect err &&
	yq-alert --outbox --db s.db >actual 2>err &&
	test_must_be_empty err &&
	jq -r "[.id, .state, .to, .event_id, .tries, .next_try, .error] | @tsv" actual >got &&
	cat >expect <<-\EOF &&
	1	pending	city	E1	1	2026-11-23T00:01:00+08:00	Couldn'"'"'t connect to server
	2	pending	beixi	E1	1	2026-11-23T00:01:00+08:00	Couldn'"'"'t connect to server
	3	pending	topic	E1	1	2026-11-23T00:01:00+08:00	Couldn'"'"'t connect to server
	4	pending	city	E2	1	2026-11-23T00:01:00+08:00	Couldn'"'"'t connect to server
	5	pending	emergency	E2	1	2026-11-23T00:01:00+08:00	Couldn'"'"'t connect to server
	6	pending	city	E3	1	2026-11-23T00:01:00+08:00	Couldn'"'"'t connect to server
	EOF
	test_cmp expect got
'

test_expect_success '--no-send queues without trying; a later run sends' '
	yq-alert --conf "$D/alerts.conf" --db q.db $NOW --no-send "$D/small.ndjson" >out 2>err &&
	test_must_be_empty err &&
	yq-alert --outbox --db q.db >box &&
	jq -r "[.state, .to, .event_id, .tries] | @tsv" box >actual &&
	cat >expect <<-\EOF &&
	pending	city	E1	0
	pending	beixi	E1	0
	pending	topic	E1	0
	pending	city	E2	0
	pending	emergency	E2	0
	pending	city	E3	0
	EOF
	test_cmp expect actual &&
	test_expect_code 1 yq-alert --conf "$D/alerts.conf" --db q.db $NOW </dev/null 2>err &&
	test_line_count = 6 err
'

test_expect_success 'a subscriber gone from the subscriptions: its messages are given up' '
	sed "/^# A monitoring topic/,\$d" "$D/alerts.conf" >fewer.conf &&
	test_expect_code 1 yq-alert --conf fewer.conf --db q.db --timeout 1s \
		--now 2026-11-23T00:10:00+08:00 </dev/null 2>err &&
	grep -v Couldn err >actual &&
	echo "yq-alert: outbox 3: no subscriber '"'"'topic'"'"' in '"'"'fewer.conf'"'"': given up" >expect &&
	test_cmp expect actual
'

test_expect_success 'a message still failing after --give-up is given up, listed, not tried again' '
	test_expect_code 1 yq-alert --conf "$D/alerts.conf" --db q.db --timeout 1s \
		--give-up 1h --now 2026-11-23T02:00:00+08:00 </dev/null 2>err &&
	sed "s/ (【[^】]*】[^)]*)//" err >actual &&
	cat >expect <<-\EOF &&
	yq-alert: city: E1: Couldn'"'"'t connect to server: given up
	yq-alert: beixi: E1: Couldn'"'"'t connect to server: given up
	yq-alert: city: E2: Couldn'"'"'t connect to server: given up
	yq-alert: emergency: E2: Couldn'"'"'t connect to server: given up
	yq-alert: city: E3: Couldn'"'"'t connect to server: given up
	yq-alert: city: E2: Couldn'"'"'t connect to server
	yq-alert: emergency: E2: Couldn'"'"'t connect to server
	EOF
	test_cmp expect actual &&
	yq-alert --outbox --db q.db >box &&
	jq -r "[.id, .state, .to, .tries, .error] | @tsv" box >actual &&
	cat >expect <<-\EOF &&
	1	given_up	city	3	Couldn'"'"'t connect to server
	2	given_up	beixi	3	Couldn'"'"'t connect to server
	3	given_up	topic	1	no such subscriber
	4	given_up	city	3	Couldn'"'"'t connect to server
	5	given_up	emergency	3	Couldn'"'"'t connect to server
	6	given_up	city	3	Couldn'"'"'t connect to server
	7	pending	city	1	Couldn'"'"'t connect to server
	8	pending	emergency	1	Couldn'"'"'t connect to server
	EOF
	test_cmp expect actual &&
	yq-alert --conf "$D/alerts.conf" --db q.db --now 2026-11-23T02:00:30+08:00 </dev/null 2>err &&
	test_must_be_empty err
'

test_expect_success 'the same records again: nothing new for anyone' '
	yq-alert $DRY --db s.db $NOW "$D/small.ndjson" >actual 2>err &&
	test_must_be_empty err &&
	test_must_be_empty actual
'

test_expect_success 'a later post on an event (more posts, same warning) repeats nothing' '
	sed "s/\"posts\":12,/\"posts\":13,/" "$D/small.ndjson" >more.ndjson &&
	yq-alert $DRY --db s.db $NOW more.ndjson >actual 2>err &&
	test_must_be_empty err &&
	test_must_be_empty actual
'

test_expect_success 'an escalation (yellow to red) is news again, named as such' '
	sed "/\"E1\",\"title/s/\"warning\":\"yellow\"/\"warning\":\"red\"/" "$D/small.ndjson" >red.ndjson &&
	yq-alert $DRY --db s.db $NOW red.ndjson >actual 2>err &&
	test_must_be_empty err &&
	grep "^==\|^【\|^变化" actual >got &&
	cat >expect <<-\EOF &&
	== city (webhook): E1 raised
	【预警升级·红色】北溪区桐岭垃圾站臭气扰民
	变化：预警由黄色升为红色
	== beixi (wecom): E1 raised
	【预警升级·红色】北溪区桐岭垃圾站臭气扰民
	变化：预警由黄色升为红色
	== topic (feishu): E1 raised
	【预警升级·红色】北溪区桐岭垃圾站臭气扰民
	变化：预警由黄色升为红色
	EOF
	test_cmp expect got
'

test_expect_success 'a run that reads nothing still tells of deadlines falling due and missed' '
	yq-alert $DRY --db s.db --now 2026-11-24T03:00:00+08:00 </dev/null >actual 2>err &&
	test_must_be_empty err &&
	cat >expect <<-\EOF &&
	== city (webhook): E1 due
	【回应将到期】北溪区桐岭垃圾站臭气扰民
	变化：回应期限将到
	地点：北溪区
	预警：黄色
	类别：涉及群众切身利益
	责任单位：北溪区人民政府
	回应期限：2026-11-24 08:00（回应），剩余5小时00分
	规模：12条，3个来源，首发于2026-11-22 08:00
	首发链接：https://weibo.com/1/p1
	专报：https://yq.yunjiang.gov.cn/events/E1.html
	事件：E1

	== beixi (wecom): E1 due
	【回应将到期】北溪区桐岭垃圾站臭气扰民
	变化：回应期限将到
	地点：北溪区
	预警：黄色
	类别：涉及群众切身利益
	责任单位：北溪区人民政府
	回应期限：2026-11-24 08:00（回应），剩余5小时00分
	规模：12条，3个来源，首发于2026-11-22 08:00
	首发链接：https://weibo.com/1/p1
	专报：https://yq.yunjiang.gov.cn/events/E1.html
	事件：E1

	== city (webhook): E2 overdue
	【回应超期】青石县化工园区爆炸
	变化：回应已超期
	地点：青石县
	预警：红色
	级别：重大
	类别：突发事件
	责任单位：沄江市人民政府
	回应期限：2026-11-23 01:00（回应），已超期26小时00分
	规模：40条，9个来源，首发于2026-11-22 20:00
	专报：https://yq.yunjiang.gov.cn/events/E2.html
	事件：E2

	== emergency (dingtalk): E2 overdue
	【回应超期】青石县化工园区爆炸
	变化：回应已超期
	地点：青石县
	预警：红色
	级别：重大
	类别：突发事件
	责任单位：沄江市人民政府
	回应期限：2026-11-23 01:00（回应），已超期26小时00分
	规模：40条，9个来源，首发于2026-11-22 20:00
	专报：https://yq.yunjiang.gov.cn/events/E2.html
	事件：E2

	EOF
	test_cmp expect actual
'

test_expect_success 'and of one missed' '
	yq-alert $DRY --db s.db --now 2026-11-24T09:30:00+08:00 </dev/null >actual 2>err &&
	test_must_be_empty err &&
	grep "^==\|^【\|^回应期限" actual >got &&
	cat >expect <<-\EOF &&
	== city (webhook): E1 overdue
	【回应超期】北溪区桐岭垃圾站臭气扰民
	回应期限：2026-11-24 08:00（回应），已超期1小时30分
	== beixi (wecom): E1 overdue
	【回应超期】北溪区桐岭垃圾站臭气扰民
	回应期限：2026-11-24 08:00（回应），已超期1小时30分
	== city (webhook): E2 overdue
	【回应超期】青石县化工园区爆炸
	回应期限：2026-11-23 01:00（回应），已超期32小时30分
	== emergency (dingtalk): E2 overdue
	【回应超期】青石县化工园区爆炸
	回应期限：2026-11-23 01:00（回应），已超期32小时30分
	EOF
	test_cmp expect got
'

test_expect_success 'an event missed for a week is forgotten' '
	yq-alert $DRY --db s.db --now 2026-12-01T09:00:00+08:00 </dev/null >actual 2>err &&
	test_must_be_empty err &&
	test_must_be_empty actual
'

test_expect_success 'an event that took in another (aliases) is no news to its subscribers' '
	sed -n 2p "$D/small.ndjson" |
		sed "s/\"event_id\":\"E1\"/\"event_id\":\"E9\",\"aliases\":[\"E1\"]/" >merged.ndjson &&
	yq-alert $DRY --db s.db $NOW merged.ndjson >actual 2>err &&
	test_must_be_empty err &&
	test_must_be_empty actual
'

test_expect_success 'an answer found is told to those alerted before who asked for it' '
	sed -e "/\"E1\",\"title/s/\"status\":\"pending\"/\"status\":\"answered\"/" \
	    -e "/\"E1\",\"title/s/\"answers\":\[\]/\"answers\":[{\"at\":\"2026-11-23T10:00:00+08:00\",\"form\":\"statement\",\"by\":\"北溪区人民政府\",\"url\":\"https:\/\/www.beixi.gov.cn\/a\/1.html\"}]/" \
		"$D/small.ndjson" >answered.ndjson &&
	yq-alert $DRY --db s.db $NOW answered.ndjson >actual 2>err &&
	test_must_be_empty err &&
	grep "^==\|^【\|^已回应" actual >got &&
	cat >expect <<-\EOF &&
	== city (webhook): E1 answered
	【已回应】北溪区桐岭垃圾站臭气扰民
	已回应：2026-11-23 10:00 北溪区人民政府（回应） https://www.beixi.gov.cn/a/1.html
	== beixi (wecom): E1 answered
	【已回应】北溪区桐岭垃圾站臭气扰民
	已回应：2026-11-23 10:00 北溪区人民政府（回应） https://www.beixi.gov.cn/a/1.html
	EOF
	test_cmp expect got
'

test_expect_success 'bad lines of the subscriptions: file:line: what, every one, exit 2' '
	cat >bad.conf <<-\EOF &&
	level red
	[a]
	channel pager
	url http://127.0.0.1:9/a
	places 331200 沄江 999999x
	notify new,often
	lead soon
	quiet 22:00-31:00
	rate 10
	colour blue
	[a]
	[b]
	channel mail
	password env:YQ_NO_SUCH_VARIABLE
	EOF
	test_expect_code 2 yq-alert --conf bad.conf --dry-run --no-state </dev/null >out 2>err &&
	test_must_be_empty out &&
	cat >expect <<-\EOF &&
	yq-alert: bad.conf:1: '"'"'level'"'"' before the first [name]
	yq-alert: bad.conf:3: channel: unknown value '"'"'pager'"'"'
	yq-alert: bad.conf:5: places: unknown place '"'"'沄江'"'"'
	yq-alert: bad.conf:5: places: unknown place '"'"'999999x'"'"'
	yq-alert: bad.conf:6: notify: unknown word '"'"'often'"'"'
	yq-alert: bad.conf:7: lead wants a duration: '"'"'soon'"'"'
	yq-alert: bad.conf:8: quiet wants HH:MM-HH:MM or none: '"'"'22:00-31:00'"'"'
	yq-alert: bad.conf:9: rate wants N/DURATION or none: '"'"'10'"'"'
	yq-alert: bad.conf:10: unknown key '"'"'colour'"'"'
	yq-alert: bad.conf:11: [a] is defined twice
	yq-alert: bad.conf:14: environment variable '"'"'YQ_NO_SUCH_VARIABLE'"'"' is not set
	yq-alert: bad.conf:2: [a] has no channel
	yq-alert: bad.conf:11: [a] has no channel
	yq-alert: bad.conf:12: [b] has no smtp
	EOF
	test_cmp expect err
'

test_expect_success 'place names of the subscriptions come from the gazetteer and --places' '
	printf "[a]\nchannel webhook\nurl http://127.0.0.1:9/a\nplaces 沄江市\nlevel red\n" >names.conf &&
	test_expect_code 2 yq-alert --conf names.conf --dry-run --no-state </dev/null 2>err &&
	echo "yq-alert: names.conf:4: places: unknown place '"'"'沄江市'"'"'" >expect &&
	test_cmp expect err &&
	yq-alert --conf names.conf --places "$TEST_DIR/data/demo/places.tsv" --dry-run \
		--no-state $NOW "$D/small.ndjson" >actual 2>err &&
	test_must_be_empty err &&
	grep "^==" actual >got &&
	printf "== a (webhook): E2 new,due\n== a (webhook): E3 overdue\n" >expect &&
	test_cmp expect got
'

test_expect_success 'a missing subscriptions file: exit 2, named' '
	test_expect_code 2 yq-alert --conf nosuch.conf --dry-run --no-state </dev/null 2>err &&
	echo "yq-alert: cannot open '"'"'nosuch.conf'"'"': No such file or directory" >expect &&
	test_cmp expect err
'

test_expect_success 'secrets come from the environment or a file' '
	printf "s3cret\n" >secret.txt &&
	cat >sec.conf <<-\EOF &&
	[a]
	channel dingtalk
	url env:YQ_TEST_URL
	secret file:secret.txt
	EOF
	YQ_TEST_URL=http://127.0.0.1:9/dt yq-alert --conf sec.conf --dry-run --no-state \
		</dev/null >out 2>err &&
	test_must_be_empty err &&
	test_expect_code 2 yq-alert --conf sec.conf --dry-run --no-state </dev/null 2>err &&
	cat >expect <<-\EOF &&
	yq-alert: sec.conf:3: environment variable '"'"'YQ_TEST_URL'"'"' is not set
	yq-alert: sec.conf:1: [a] has no url
	EOF
	test_cmp expect err
'

test_expect_success 'a malformed line: file:line on stderr, the good records kept, exit 2' '
	head -n 2 "$D/small.ndjson" >bad.ndjson &&
	echo "{\"kind\":\"event\",\"event_id\":" >>bad.ndjson &&
	echo "{\"kind\":\"event\",\"title\":\"no id\"}" >>bad.ndjson &&
	sed -n 3p "$D/small.ndjson" >>bad.ndjson &&
	test_expect_code 2 yq-alert --conf "$D/alerts.conf" --db b.db $NOW --timeout 1s \
		bad.ndjson >out 2>err &&
	grep -v "Couldn" err >got &&
	cat >expect <<-\EOF &&
	yq-alert: bad.ndjson:3: invalid JSON: unexpected token near end of file (column 27)
	yq-alert: bad.ndjson:4: event record without event_id
	EOF
	test_cmp expect got &&
	{ head -n 2 "$D/small.ndjson" && sed -n 3p "$D/small.ndjson"; } >expect &&
	test_cmp expect out &&
	yq-alert --outbox --db b.db >box &&
	jq -r "[.to, .event_id] | @tsv" box >got &&
	printf "city\tE1\nbeixi\tE1\ntopic\tE1\ncity\tE2\nemergency\tE2\n" >expect &&
	test_cmp expect got
'

test_expect_success 'sending needs the state store; --all needs --outbox' '
	test_expect_code 2 yq-alert --conf "$D/alerts.conf" --no-state </dev/null 2>err &&
	echo "yq-alert: sending (but --dry-run) needs the state store: drop --no-state" >expect &&
	test_cmp expect err &&
	test_expect_code 2 yq-alert --conf "$D/alerts.conf" --all </dev/null 2>err &&
	echo "yq-alert: --all goes with --outbox" >expect &&
	test_cmp expect err &&
	test_expect_code 2 yq-alert --conf "$D/alerts.conf" --dry-run --no-send </dev/null 2>err &&
	echo "yq-alert: --outbox, --dry-run and --no-send exclude each other" >expect &&
	test_cmp expect err
'

test_expect_success 'a reader that goes away is not an error' '
	yq-alert $DRY --no-state $NOW "$D/small.ndjson" | head -n 1 >actual &&
	echo "== city (webhook): E1 new" >expect &&
	test_cmp expect actual
'

test_expect_success 'the example subscriptions of yq-alert.conf(5) are read' '
	awk "/^\.Sh EXAMPLES/ { ex = 1 } ex && /^\.Ed/ { exit }
		ex && lit { print } ex && /^\.Bd/ { lit = 1 }" \
		"$TOP_DIR/man/yq-alert.conf.5" | sed -e "s/\\\\&//g" -e "s|/etc/yq/|$PWD/|" >example.conf &&
	grep -q "^\[qingshi\]" example.conf &&
	echo pw >smtp.password &&
	echo "http://127.0.0.1:9/dt" >dingtalk-qingshi.url &&
	YQ_WECOM_BEIXI=http://127.0.0.1:9/wc YQ_DINGTALK_QINGSHI_SECRET=s \
		yq-alert --conf example.conf --places "$TEST_DIR/data/demo/places.tsv" \
		--dry-run --no-state $NOW "$D/small.ndjson" >actual 2>err &&
	test_must_be_empty err &&
	grep "^==" actual >got &&
	cat >expect <<-\EOF &&
	== beixi (wecom): E1 new
	== city (mail): E2 new,due
	== emergency (webhook): E2 new
	== city (mail): E3 overdue
	EOF
	test_cmp expect got
'

test_done
