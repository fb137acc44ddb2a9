#!/bin/sh
test_description='yq-alert: the exact requests of each channel, failures, the outbox'
. "$(dirname "$0")"/test-lib.sh
. "$TEST_DIR"/lib/alertd.sh

D=$TEST_DIR/data/alert
NOW='--now 2026-11-23T00:00:00+08:00'

if ! test_have_prereq PYTHON3; then
	test_expect_success PYTHON3 'the channel tests need python3' 'false'
	test_done
fi

test_expect_success 'start the test servers' '
	start_alertd
'

# Every channel, red events only; FEISHU is the robot's URL.
write_conf() {
	cat >alerts.conf <<-EOF
	[*]
	level red
	report https://yq.yunjiang.gov.cn/events/{event_id}.html

	[mail]
	channel mail
	smtp $SMTP
	tls none
	user duty
	password env:YQ_SMTP_PASSWORD
	from yq@yunjiang.gov.cn
	to duty@yunjiang.gov.cn, chief@yunjiang.gov.cn

	[hook]
	channel webhook
	url $WEB/hook

	[wecom]
	channel wecom
	url $WEB/wecom?key=KEY-1

	[dingtalk]
	channel dingtalk
	url $WEB/dingtalk?access_token=TOKEN-1
	secret file:dingtalk.secret

	[feishu]
	channel feishu
	url $1
	secret env:YQ_FEISHU_SECRET
	EOF
}

YQ_SMTP_PASSWORD=$ALERTD_SECRET
YQ_FEISHU_SECRET=$ALERTD_SECRET
export YQ_SMTP_PASSWORD YQ_FEISHU_SECRET

test_expect_success 'one red event: each channel gets its request, exactly' '
	echo "$ALERTD_SECRET" >dingtalk.secret &&
	write_conf "$WEB/feishu/hook/v2" &&
	sed -n 3p "$D/small.ndjson" >red.ndjson &&
	yq-alert --conf alerts.conf --db s.db $NOW red.ndjson >out 2>err &&
	test_must_be_empty err &&
	test_cmp red.ndjson out &&
	for c in mail hook wecom dingtalk feishu; do
		srv_log $c >$c.actual &&
		test_cmp "$D/channels/$c.log" $c.actual || return 1
	done
'

test_expect_success 'the outbox holds them as sent' '
	yq-alert --outbox --all --db s.db >box 2>err &&
	test_must_be_empty err &&
	jq -r "[.id, .state, .to, .event_id, .tries, .sent_at] | @tsv" box >actual &&
	cat >expect <<-\EOF &&
	1	sent	mail	E2	1	2026-11-23T00:00:00+08:00
	2	sent	hook	E2	1	2026-11-23T00:00:00+08:00
	3	sent	wecom	E2	1	2026-11-23T00:00:00+08:00
	4	sent	dingtalk	E2	1	2026-11-23T00:00:00+08:00
	5	sent	feishu	E2	1	2026-11-23T00:00:00+08:00
	EOF
	test_cmp expect actual &&
	yq-alert --outbox --db s.db >box &&
	test_must_be_empty box
'

test_expect_success 'failures: refused, HTTP 500, a robot error, a timeout, SMTP 451' '
	rm -f srv/*.log &&
	sed -e "s/\"E2\"/\"E5\"/" -e "s/青石县化工园区爆炸/白沙县一工地塔吊倒塌/" red.ndjson >e5.ndjson &&
	write_conf "http://127.0.0.1:9/feishu" &&
	printf "mail 500\nhook slow:3\nwecom errcode\ndingtalk 500\n" >srv/mode &&
	test_expect_code 1 yq-alert --conf alerts.conf --db s.db $NOW --timeout 1s \
		e5.ndjson >out 2>err &&
	sed "s/ (【[^】]*】[^)]*)//" err >actual &&
	cat >expect <<-\EOF &&
	yq-alert: mail: E5: the SMTP server answered 451
	yq-alert: hook: E5: Timeout was reached
	yq-alert: wecom: E5: error 310000: keywords not in content
	yq-alert: dingtalk: E5: HTTP 500
	yq-alert: feishu: E5: Couldn'"'"'t connect to server
	EOF
	test_cmp expect actual &&
	yq-alert --outbox --db s.db >box &&
	jq -r "[.id, .state, .to, .tries, .next_try] | @tsv" box >actual &&
	cat >expect <<-\EOF &&
	6	pending	mail	1	2026-11-23T00:01:00+08:00
	7	pending	hook	1	2026-11-23T00:01:00+08:00
	8	pending	wecom	1	2026-11-23T00:01:00+08:00
	9	pending	dingtalk	1	2026-11-23T00:01:00+08:00
	10	pending	feishu	1	2026-11-23T00:01:00+08:00
	EOF
	test_cmp expect actual
'

test_expect_success 'before the backoff ends nothing is tried again' '
	cat srv/*.log >before &&
	yq-alert --conf alerts.conf --db s.db --now 2026-11-23T00:00:30+08:00 </dev/null >out 2>err &&
	test_must_be_empty err &&
	test_must_be_empty out &&
	cat srv/*.log >after &&
	test_cmp before after
'

test_expect_success 'a second failure waits twice as long; the webhook drops a repeat' '
	test_expect_code 1 yq-alert --conf alerts.conf --db s.db --timeout 1s \
		--now 2026-11-23T00:01:00+08:00 </dev/null 2>err &&
	yq-alert --outbox --db s.db >box &&
	jq -r "[.id, .to, .tries, .next_try] | @tsv" box >actual &&
	cat >expect <<-\EOF &&
	6	mail	2	2026-11-23T00:03:00+08:00
	8	wecom	2	2026-11-23T00:03:00+08:00
	9	dingtalk	2	2026-11-23T00:03:00+08:00
	10	feishu	2	2026-11-23T00:03:00+08:00
	EOF
	test_cmp expect actual
'

test_expect_success 'the channels back: the outbox drains' '
	rm -f srv/mode &&
	write_conf "$WEB/feishu/hook/v2" &&
	yq-alert --conf alerts.conf --db s.db --now 2026-11-23T00:03:00+08:00 </dev/null >out 2>err &&
	test_must_be_empty err &&
	yq-alert --outbox --db s.db >box &&
	test_must_be_empty box
'

test_expect_success 'each server took E5 once, after the failures it injected' '
	key=$(sqlite3 s.db "SELECT ikey FROM alert_outbox WHERE id = 7") &&
	grep -h "^== " srv/mail.log srv/hook.log srv/wecom.log srv/dingtalk.log \
		srv/feishu.log >actual &&
	cat >expect <<-EOF &&
	== refused (451)
	== refused (451)
	== auth: duty ok
	== POST /hook
	== duplicate $key
	== refused (errcode) POST /wecom
	== refused (errcode) POST /wecom
	== POST /wecom?key=KEY-1
	== refused (500) POST /dingtalk
	== refused (500) POST /dingtalk
	== POST /dingtalk?access_token=TOKEN-1
	== POST /feishu/hook/v2
	EOF
	test_cmp expect actual
'

test_expect_success 'the same batch again sends nothing' '
	rm -f srv/*.log &&
	yq-alert --conf alerts.conf --db s.db --now 2026-11-23T00:05:00+08:00 red.ndjson e5.ndjson >out 2>err &&
	test_must_be_empty err &&
	ls srv >actual &&
	test_must_be_empty actual
'

test_expect_success 'a wrong DingTalk secret is caught by the robot' '
	rm -f srv/*.log &&
	printf "[dt]\nchannel dingtalk\nurl $WEB/dingtalk?access_token=T\nsecret not-the-secret\nlevel red\n" >wrong.conf &&
	yq-alert --conf wrong.conf --db w.db $NOW red.ndjson >out 2>err &&
	grep "^sign" srv/dingtalk.log >actual &&
	echo "sign: bad" >expect &&
	test_cmp expect actual
'

test_expect_success 'secrets longer than a SHA-256 block sign right (DingTalk, Feishu)' '
	rm -f srv/*.log &&
	cat >long.conf <<-EOF &&
	[dt]
	channel dingtalk
	url $WEB/dingtalk?access_token=T
	secret $ALERTD_LONG_SECRET
	level red
	[fs]
	channel feishu
	url $WEB/feishu/long
	secret $ALERTD_LONG_SECRET
	level red
	EOF
	yq-alert --conf long.conf --db l.db $NOW red.ndjson >out 2>err &&
	test_must_be_empty err &&
	grep -h "^sign" srv/dingtalk.log srv/feishu.log >actual &&
	printf "sign: ok\nsign: ok\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'mail with tls required to a server without STARTTLS is not sent' '
	printf "[m]\nchannel mail\nsmtp $SMTP\nfrom a@b.cn\nto c@d.cn\nlevel red\n" >tls.conf &&
	test_expect_code 1 yq-alert --conf tls.conf --db t.db $NOW red.ndjson >out 2>err &&
	echo "yq-alert: m: E2: Requested SSL level failed" >expect &&
	sed "s/ (【[^】]*】[^)]*)//" err >actual &&
	test_cmp expect actual
'

# The subjects each webhook path received, in order.
subjects() {
	grep "^{" srv/$1.log | jq -r .subject
}

test_expect_success 'quiet hours, a rate limit and a digest: 23:00' '
	rm -f srv/*.log &&
	cat >policy.conf <<-EOF &&
	[*]
	places 331200

	[quiet]
	channel webhook
	url $WEB/quiet
	level yellow
	quiet 22:00-07:00

	[rate]
	channel webhook
	url $WEB/rate
	level blue
	rate 2/1h
	break none

	[digest]
	channel webhook
	url $WEB/digest
	level blue
	digest 1h
	break none
	EOF
	yq-alert --conf policy.conf --db p.db --now 2026-11-23T23:00:00+08:00 \
		"$D/small.ndjson" >out 2>err &&
	test_must_be_empty err &&
	subjects quiet >actual &&
	subjects rate >>actual &&
	cat >expect <<-\EOF &&
	【回应超期】青石县化工园区爆炸
	【回应超期】城东区一小学食堂饭菜质量引家长质疑
	【黄色预警】北溪区桐岭垃圾站臭气扰民
	【回应超期】青石县化工园区爆炸
	EOF
	test_cmp expect actual &&
	yq-alert --outbox --db p.db >box &&
	jq -r "[.state, .to, .event_id, .next_try] | @tsv" box >actual &&
	cat >expect <<-\EOF &&
	pending	quiet	E1	2026-11-24T07:00:00+08:00
	held	digest	E1	2026-11-23T23:00:00+08:00
	held	digest	E2	2026-11-23T23:00:00+08:00
	pending	rate	E3	2026-11-24T00:00:00+08:00
	held	digest	E3	2026-11-23T23:00:00+08:00
	EOF
	test_cmp expect actual
'

test_expect_success 'half an hour on: nothing is due' '
	cat srv/*.log >before &&
	yq-alert --conf policy.conf --db p.db --now 2026-11-23T23:30:00+08:00 </dev/null &&
	cat srv/*.log >after &&
	test_cmp before after
'

test_expect_success 'midnight: the rate allows the third, the digest goes as one' '
	rm -f srv/*.log &&
	yq-alert --conf policy.conf --db p.db --now 2026-11-24T00:00:00+08:00 </dev/null 2>err &&
	test_must_be_empty err &&
	subjects rate >actual &&
	subjects digest >>actual &&
	grep "^{" srv/digest.log | jq -r ".text, (.alert.digest[] | .event_id)" >>actual &&
	cat >expect <<-\EOF &&
	【回应超期】城东区一小学食堂饭菜质量引家长质疑
	【舆情摘要】3条提醒
	【黄色预警】北溪区桐岭垃圾站臭气扰民
	变化：新事件，黄色预警
	地点：北溪区
	预警：黄色
	类别：涉及群众切身利益
	责任单位：北溪区人民政府
	回应期限：2026-11-24 08:00（回应），剩余9小时00分
	规模：12条，3个来源，首发于2026-11-22 08:00
	首发链接：https://weibo.com/1/p1
	事件：E1

	【回应超期】青石县化工园区爆炸
	变化：新事件，红色预警；回应已超期
	地点：青石县
	预警：红色
	级别：重大
	类别：突发事件
	责任单位：沄江市人民政府
	回应期限：2026-11-23 01:00（回应），已超期22小时00分
	规模：40条，9个来源，首发于2026-11-22 20:00
	事件：E2

	【回应超期】城东区一小学食堂饭菜质量引家长质疑
	变化：新事件，蓝色预警；回应已超期
	地点：城东区
	预警：蓝色
	类别：涉及群众切身利益
	责任单位：城东区教育局
	回应期限：2026-11-22 12:00（回应），已超期35小时00分
	规模：6条，2个来源，首发于2026-11-21 12:00
	事件：E3

	E1
	E2
	E3
	EOF
	test_cmp expect actual &&
	ls srv >actual &&
	printf "digest.log\nrate.log\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'seven: quiet hours end, the held alert goes with the deadline now due' '
	rm -f srv/*.log &&
	yq-alert --conf policy.conf --db p.db --now 2026-11-24T07:00:00+08:00 </dev/null 2>err &&
	test_must_be_empty err &&
	subjects quiet >actual &&
	subjects rate >>actual &&
	subjects digest >>actual &&
	cat >expect <<-\EOF &&
	【黄色预警】北溪区桐岭垃圾站臭气扰民
	【回应将到期】北溪区桐岭垃圾站臭气扰民
	【回应将到期】北溪区桐岭垃圾站臭气扰民
	【舆情摘要】1条提醒
	EOF
	test_cmp expect actual &&
	yq-alert --outbox --db p.db >box &&
	test_must_be_empty box
'

test_expect_success 'two runs at once: each message goes once' '
	printf "[twice]\nchannel webhook\nurl $WEB/twice\nlevel blue\n" >twice.conf &&
	echo "twice slow:0.3" >srv/mode &&
	yq-alert --conf twice.conf --db two.db $NOW "$D/small.ndjson" >out1 2>err1 &
	pid=$! &&
	yq-alert --conf twice.conf --db two.db $NOW "$D/small.ndjson" >out2 2>err2 &&
	wait $pid &&
	rm -f srv/mode &&
	test_must_be_empty err1 &&
	test_must_be_empty err2 &&
	grep "^==" srv/twice.log >actual &&
	cat >expect <<-\EOF &&
	== POST /twice
	== POST /twice
	== POST /twice
	== POST /twice
	EOF
	test_cmp expect actual &&
	yq-alert --outbox --all --db two.db >box &&
	test_line_count = 4 box
'

test_expect_success 'killed while sending: the next run loses nothing, repeats nothing' '
	printf "[killed]\nchannel webhook\nurl $WEB/killed\nlevel blue\n" >killed.conf &&
	echo "killed slow:5" >srv/mode &&
	yq-alert --conf killed.conf --db k.db $NOW "$D/small.ndjson" >out 2>err &
	pid=$! &&
	n=0 &&
	while ! test -s srv/killed.log && test $n -lt 100; do sleep 0.1; n=$((n + 1)); done &&
	kill -9 $pid &&
	{ wait $pid; test $? = 137; } &&
	rm -f srv/mode &&
	yq-alert --conf killed.conf --db k.db --now 2026-11-23T00:01:00+08:00 </dev/null >out 2>err &&
	test_must_be_empty err &&
	key=$(sqlite3 k.db "SELECT ikey FROM alert_outbox WHERE id = 1") &&
	grep "^==" srv/killed.log >actual &&
	cat >expect <<-EOF &&
	== POST /killed
	== duplicate $key
	== POST /killed
	== POST /killed
	== POST /killed
	EOF
	test_cmp expect actual &&
	yq-alert --outbox --db k.db >box &&
	test_must_be_empty box
'

test_expect_success 'a month on, the messages done with are dropped from the outbox' '
	yq-alert --outbox --all --db s.db >box &&
	test_line_count = 10 box &&
	yq-alert --conf alerts.conf --db s.db --now 2026-12-23T00:00:01+08:00 </dev/null >out 2>err &&
	test_must_be_empty err &&
	yq-alert --outbox --all --db s.db >box &&
	test_must_be_empty box
'

test_done
