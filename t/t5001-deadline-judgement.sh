#!/bin/sh
test_description='yq-deadline: the kind decided on the originals, posts abroad and cases recalled, the place an event is owned at'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/deadline
NOW=2013-04-17T00:00:00+08:00
summary='[.event_id, .response.rule, ((.response.owner // []) | join(","))] | @tsv'
reasons() {
	jq -r "select(.event_id == \"$1\") | .response.reasons[]" out
}

# Posts made for the purpose, with short quotations of the real Weibo
# posts that showed each defect (../shared/data/judge).
test_expect_success 'each event'"'"'s kind and owner' '
	yq-deadline --no-state --only-events --explain --now $NOW "$D/judgement.ndjson" >out 2>err &&
	test_must_be_empty err &&
	jq -r "$summary" out >got &&
	cat >expect <<-\EOT &&
	originals	emergency	洛阳市人民政府
	silent	policy_misreading	洛阳市人民政府
	abroad	watch	
	abroad_home	emergency	洛阳市人民政府
	history	watch	
	this_year	emergency	四川省人民政府
	misconduct	official_misconduct	洛阳市纪委监委
	luoyang	moral_bottom_line	洛阳市人民政府
	bijie	moral_bottom_line	毕节市人民政府
	side	moral_bottom_line	洛阳市人民政府
	national	rumour	财政部,审计署
	merged_a	emergency	洛阳市人民政府
	forecast	watch	
	noplace	moral_bottom_line	国务院有关部门
	home	policy_misreading	国务院有关部门
	EOT
	test_cmp expect got
'

test_expect_success 'one original of an accident and nine silent reposts: the original speaks for the story' '
	reasons originals >got &&
	cat >expect <<-\EOT &&
	rule emergency: emergency on 1 of 1 original posts (1.00 >= 0.35)
	level 一般: figures below 较大 (deaths 0, injuries 3)
	place: 洛阳市 (410300), named on 10 of 10 posts, first on 10
	属地管理: no department named at the place; its government owns it
	deadline statement pending: 48 h from the first post (o1)
	EOT
	test_cmp expect got
'

test_expect_success 'a silent original: the words its reposts add are the evidence' '
	reasons silent >got &&
	cat >expect <<-\EOT &&
	rule policy_misreading: policy_misreading on 2 of 5 posts (0.40 >= 0.10)
	place: 洛阳市 (410300), named on 5 of 5 posts, first on 5
	属地管理: no department named at the place; its government owns it
	deadline statement pending: 48 h from the first post (s1)
	EOT
	test_cmp expect got
'

test_expect_success '#波士顿爆炸# is news abroad, not China'"'"'s to answer; a foreigner hurt at home is, and 日本 off 钓鱼岛 is' '
	reasons abroad >got &&
	cat >expect <<-\EOT &&
	not evidence: 1 posts of events abroad
	watch: no must-respond category on enough posts
	EOT
	test_cmp expect got
'

test_expect_success 'a fire of 1988年3月13日 told in 2013 is a case recalled; a quake of 2013年4月20日 is not' '
	reasons history >got &&
	cat >expect <<-\EOT &&
	not evidence: 1 posts of an emergency years before they were written
	watch: no must-respond category on enough posts
	EOT
	test_cmp expect got
'

test_expect_success 'an office'"'"'s own release (a weather bureau'"'"'s 【寒潮来袭】) is an answer, not a case to answer' '
	reasons forecast >got &&
	cat >expect <<-\EOT &&
	not evidence: 1 releases of official accounts (answers, not cases to answer)
	watch: no must-respond category on enough posts
	EOT
	test_cmp expect got
'

test_expect_success 'a merged event keeps the most binding kind of its parts' '
	reasons merged_a >got &&
	cat >expect <<-\EOT &&
	rule rumour: rumour on 6 of 7 posts (0.86 >= 0.10)
	rule emergency: reached by an event merged into this one
	level 一般: no casualty or loss figures reported
	place: 洛阳市 (410300), named on 7 of 7 posts, first on 7
	属地管理: no department named at the place; its government owns it
	deadline statement pending: 48 h from the first post (g1)
	EOT
	test_cmp expect got
'

test_expect_success 'the place: the province named most, a passing 北京 aside; a side mention (刚到石家庄) never' '
	reasons bijie >got &&
	cat >expect <<-\EOT &&
	rule moral_bottom_line: moral_bottom_line on 1 of 1 posts (1.00 >= 0.10)
	place: 毕节市 (520500), named on 1 of 1 posts, first on 0
	属地管理: no department named at the place; its government owns it
	deadline statement pending: 48 h from the first post (p2)
	EOT
	test_cmp expect got &&
	reasons side >got &&
	cat >expect <<-\EOT &&
	rule moral_bottom_line: moral_bottom_line on 1 of 1 posts (1.00 >= 0.10)
	place: 洛阳市 (410300), named on 1 of 1 posts, first on 1
	属地管理: no department named at the place; its government owns it
	deadline statement pending: 48 h from the first post (q1)
	EOT
	test_cmp expect got
'

test_expect_success 'no place at home, State Council departments named: they answer' '
	reasons national >got &&
	cat >expect <<-\EOT &&
	rule rumour: rumour on 1 of 1 posts (1.00 >= 0.10)
	owner: no place at home is named; the State Council departments named answer (谁主管谁负责)
	deadline statement pending: 48 h from the first post (n1)
	EOT
	test_cmp expect got
'

test_expect_success 'no place at all (黑心商贩 injecting 西瓜): a matter of no one place is the State Council'"'"'s' '
	reasons noplace >got &&
	cat >expect <<-\EOT &&
	rule moral_bottom_line: moral_bottom_line on 1 of 1 posts (1.00 >= 0.10)
	owner: no place at home is named; a matter of no one place is the State Council department'"'"'s in charge
	deadline statement pending: 48 h from the first post (w1)
	EOT
	test_cmp expect got
'

test_expect_success 'history 0 turns the recalled-case rule off; abroad, home and history are checked' '
	sed "s/^history 2$/history 0/" "$TOP_DIR/dict/response.conf" >rules &&
	yq-deadline --no-state --only-events --rules rules --now $NOW "$D/judgement.ndjson" >out &&
	jq -r "select(.event_id == \"history\") | .response.rule" out >got &&
	echo emergency >expect &&
	test_cmp expect got &&
	{ cat "$TOP_DIR/dict/response.conf"; echo "abroad 美国"; } >rules &&
	test_expect_code 2 yq-deadline --no-state --rules rules --now $NOW "$D/judgement.ndjson" >out 2>err &&
	n=$(wc -l <"$TOP_DIR/dict/response.conf") &&
	echo "yq-deadline: rules:$((n + 1)): abroad wants one PATTERN" >expect &&
	test_cmp expect err &&
	{ cat "$TOP_DIR/dict/response.conf"; echo "history two"; } >rules &&
	test_expect_code 2 yq-deadline --no-state --rules rules --now $NOW "$D/judgement.ndjson" >out 2>err &&
	echo "yq-deadline: rules:$((n + 1)): history wants YEARS (0: off)" >expect &&
	test_cmp expect err &&
	{ cat "$TOP_DIR/dict/response.conf"; echo "home 中国"; } >rules &&
	test_expect_code 2 yq-deadline --no-state --rules rules --now $NOW "$D/judgement.ndjson" >out 2>err &&
	echo "yq-deadline: rules:$((n + 1)): home wants one PATTERN" >expect &&
	test_cmp expect err
'

test_done
