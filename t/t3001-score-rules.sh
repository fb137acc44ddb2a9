#!/bin/sh
test_description='yq-score --rules: monitoring rules (yq-rules(5)), every operator, errors'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/rules

test_expect_success 'each operator: groups, AND/OR/NOT, symbols, juxtaposition, NEAR, /pattern/, phrase, filters' '
	yq-score --rules "$D/rules.conf" "$D/posts.ndjson" >out 2>err &&
	test_must_be_empty err &&
	jq -r "[.id, (.topics | join(\",\"))] | @tsv" out >got &&
	cat >expect <<-\EOT &&
	g1	groups
	g2	
	g3	
	a1	or-and-not
	a2	
	a3	
	s1	symbols
	s2	
	j1	juxtaposed
	j2	
	n1	near
	n2	
	p1	pattern
	p2	
	q1	phrase
	q2	
	m1	platform-filter
	m2	source-filter
	m3	
	c1	full-width-comma
	EOT
	test_cmp expect got
'

test_expect_success '--matching keeps only the posts that match a topic' '
	yq-score --rules "$D/rules.conf" --matching "$D/posts.ndjson" >out &&
	jq -r .id out | tr "\n" " " >got &&
	printf "g1 a1 s1 j1 n1 p1 q1 m1 m2 c1 " >expect && test_cmp expect got &&
	test_expect_code 2 yq-score --matching "$D/posts.ndjson" 2>err &&
	test_grep "matching goes with --rules" err
'

test_expect_success 'several topics at once, in the file'"'"'s order' '
	printf "[b]\nsubject = 停水\n[a]\nmatch = 停水 | 恢复\n" >two.conf &&
	yq-score --rules two.conf "$D/posts.ndjson" >out &&
	jq -c "select(.id == \"s1\") | .topics" out >got &&
	echo "[\"b\",\"a\"]" >expect && test_cmp expect got
'

test_expect_success 'syntax errors name file, line and column' '
	while IFS="|" read -r rule msg; do
		printf "%b\n" "$rule" >bad.conf &&
		test_expect_code 2 yq-score --rules bad.conf "$D/posts.ndjson" >/dev/null 2>err &&
		echo "yq-score: bad.conf:$msg" >expect &&
		test_cmp expect err || return 1
	done <<-\EOT
	[x]\nmatch = (a OR b|2:16: '"'"')'"'"' expected
	[x]\nmatch = a NEAR/x b|2:16: NEAR/ wants a distance in characters, 0 to 10000
	[x]\nmatch = a NEAR/3 NOT b|2:18: a word, "phrase", /pattern/ or '"'"'('"'"' expected
	[x]\nmatch = "abc|2:13: unterminated quoted phrase
	[x]\nmatch = a ) b|2:11: operator or end of line expected
	[x]\ncolour = red|2:1: unknown key (region, subject, event, exclude, match, platform, source)
	region = a|1:1: a '"'"'[topic name]'"'"' line must come first
	[]|1:1: '"'"'[topic name]'"'"' expected
	EOT
'

test_expect_success 'a bad PCRE2 pattern points into the pattern' '
	printf "[x]\nmatch = /a(b/\n" >bad.conf &&
	test_expect_code 2 yq-score --rules bad.conf "$D/posts.ndjson" 2>err &&
	echo "yq-score: bad.conf:2:13: missing closing parenthesis" >expect &&
	test_cmp expect err
'

test_expect_success 'a missing rules file, and --rules twice' '
	test_expect_code 2 yq-score --rules nosuch.conf "$D/posts.ndjson" 2>err &&
	test_grep "cannot open rules .nosuch.conf." err &&
	test_expect_code 2 yq-score --rules a --rules b "$D/posts.ndjson" 2>err &&
	test_grep "rules once" err
'

test_expect_success 'platform and source given twice: the last wins, nothing leaks (a fuzzing find)' '
	printf "[m]\nplatform = news\nplatform = weibo\nsource = a\nsource = 微博\nsubject = 马拉松\n" >twice.conf &&
	yq-score --rules twice.conf "$D/posts.ndjson" >out 2>err &&
	test_must_be_empty err &&
	jq -r "select(.topics | length > 0) | .id" out >got && echo m1 >expect && test_cmp expect got
'

test_done
