#!/bin/sh
test_description='yq-score: three classes; reports neutral, complaints negative'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/score

# Real sentences of each kind, most from the demo corpus (t/data/demo):
# official notices, a forecast, a media headline, a news lead and a bare
# repost of a notice are neutral; an official notice that condemns is
# not; complaints, a bare repost of one, a commented repost of an
# opinion and a commentary are negative; a runner's thanks and two hotel reviews are what they say.
test_expect_success 'reports are neutral, complaints negative, the rest as said' '
	yq-score "$D/stance.ndjson" >out 2>err &&
	test_must_be_empty err &&
	jq -r "[.id, .sentiment.label] | @tsv" out >got &&
	cat >expect <<-\EOF &&
	gov-blast	neutral
	gov-school	neutral
	gov-thanks	neutral
	fire-notice	neutral
	forecast	neutral
	cold-wave	neutral
	media-headline	neutral
	news-lead	neutral
	bare-repost	neutral
	gov-condemns	negative
	complaint-incinerator	negative
	complaint-water	negative
	complaint-school	negative
	complaint-silence	negative
	complaint-repost	negative
	commented-repost	negative
	news-comment	negative
	runner	positive
	review-good	positive
	review-bad	negative
	EOF
	test_cmp expect got
'

test_expect_success 'a report keeps a fifth of the score, inside the neutral band' '
	jq -r "select(.sentiment.label == \"neutral\") | .sentiment.score | fabs <= 0.2" out >got &&
	! grep false got &&
	jq -r "[.sentiment.score | . >= -1 and . <= 1] | all" out >got &&
	! grep false got
'

test_expect_success 'the same report without its speaker and its lead is read by its words' '
	jq -c "select(.id == \"news-lead\") | .platform = \"weibo\" | .author = \"路人\" |
		.id = \"person\" | .text |= sub(\"本报讯（记者 许静）\"; \"\")" \
		"$D/stance.ndjson" >person.ndjson &&
	yq-score person.ndjson >out &&
	jq -r "[.id, .sentiment.label] | @tsv" out >got &&
	printf "person\tnegative\n" >expect &&
	test_cmp expect got
'

test_done
