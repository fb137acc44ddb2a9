#!/bin/sh
test_description='yq-report event: repost paths, first posts per platform, key spreaders, tipping points'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/report
NOW="--now 2026-11-23T00:00:00+08:00"
# The sections from the repost paths to the tipping points, and the marks
# on the chart of posts per hour, of a text report.
sections() {
	sed -n "/^$1/,/^$2/p" "$3" | sed '$d'
}

test_expect_success 'text: the demo school event'"'"'s repost paths, first posts, spreaders, tipping points' '
	yq-report event E596e --no-state $NOW "$D/pipeline.ndjson" >out 2>err &&
	test_must_be_empty err &&
	sections "传播路径（转发树）" "情感走势" out >got &&
	test_cmp "$D/event-spread.txt" got &&
	grep "◀" out >marks &&
	cat >expect <<-\EOT &&
	  11-21 12:00      4 ████████████████████████████████████████ ◀ a877e5a3ebc4178d
	  11-21 18:00      3 ██████████████████████████████ ◀ ee2ca67e15754365
	  11-21 22:00      2 ████████████████████ ◀ 1ed5b39d33fda736
	EOT
	test_cmp expect marks
'

test_expect_success 'English: the same sections in English' '
	yq-report event E596e --no-state --lang en $NOW "$D/pipeline.ndjson" >out.en &&
	sections "Repost paths" "Sentiment" out.en >got &&
	test_cmp "$D/event-spread-en.txt" got
'

test_expect_success 'HTML: the tree as an SVG, one row a post, under its parent' '
	yq-report event E596e --no-state $NOW -f html "$D/pipeline.ndjson" >out.html &&
	xmllint --noout out.html &&
	sed -n "/<section id=\"propagation\">/,/<\/section>/p" out.html | grep "class=\"tree\"" >got &&
	test_cmp "$D/event-tree.svg" got &&
	test "$(grep -o "<line class=\"mark\"" out.html | wc -l)" = 3
'

test_expect_success 'JSON: the same as the record says, ids and all' '
	yq-report event E596e --no-state $NOW -f json "$D/pipeline.ndjson" >out.json &&
	jq -c ".sections[] | select(.name == \"propagation\") | .table.rows | map(.[0])" out.json >got &&
	jq -c "select(.kind == \"event\" and .event_id == \"E596e9b21c3ab\") | .spread.hubs | map(.id)" "$D/pipeline.ndjson" >expect &&
	test_cmp expect got &&
	jq -c ".sections[] | select(.name == \"spreaders\") | .table.rows | map([.[0], .[1]])" out.json >got &&
	jq -c "select(.kind == \"event\" and .event_id == \"E596e9b21c3ab\") | .spread.spreaders | map([.author, .reposts])" "$D/pipeline.ndjson" >expect &&
	test_cmp expect got &&
	jq -c ".sections[] | select(.name == \"tipping\") | .table.rows | map(.[1])" out.json >got &&
	jq -c "select(.kind == \"event\" and .event_id == \"E596e9b21c3ab\") | .spread.tipping | map(.id)" "$D/pipeline.ndjson" >expect &&
	test_cmp expect got
'

test_expect_success 'an event without reposts or spreaders says so; a record without spread shows none of it' '
	yq-report event E792f --no-state $NOW "$D/pipeline.ndjson" >out &&
	sections "关键传播者" "情感走势" out >got &&
	cat >expect <<-\EOT &&
	关键传播者
	----------
	  没有帖子被已知作者的帖子带来转发。

	引爆点
	------
	  没有一次转发之后的一小时比之前一小时帖子更多。

	EOT
	test_cmp expect got &&
	yq-report event chem_blast --no-state $NOW "$D/labelled.ndjson" >old &&
	! grep -e "转发树" -e "引爆点" -e "关键传播者" old
'

test_expect_success SHARED_DATA 'a Weibo cascade (dev slice): the report lists the record'"'"'s spread' '
	head -n 3000 "$SHARED_DIR/data/cluster/dev.ndjson" >dev &&
	yq-cluster --no-state --events dev >devout &&
	ev=$(jq -rs "map(select(.kind == \"event\")) | max_by(.spread.reposts) | .event_id" devout) &&
	yq-report event "$ev" --no-state -f json devout >dev.json &&
	jq -c ".sections[] | select(.name == \"propagation\" or .name == \"first_posts\" or .name == \"tipping\") | [.name, .table.rows[0][0]]" dev.json >got &&
	jq -c "select(.kind == \"event\" and .event_id == \"$ev\") | .spread | [\"propagation\", .hubs[0].id], [\"first_posts\", \"微博\"], [\"tipping\", (.tipping[0].at | .[5:16] | sub(\"T\"; \" \"))]" devout >expect &&
	test_cmp expect got &&
	test "$(jq -r ".sections[] | select(.name == \"propagation\") | .chart.nodes | length" dev.json)" -gt 0
'

test_done
