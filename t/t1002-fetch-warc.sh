#!/bin/sh
test_description='yq-fetch reads WARC and WARC.gz archives'
. "$(dirname "$0")"/test-lib.sh

D=$TEST_DIR/data/fetch
E=$D/expect
NOW='--now 2026-11-25T12:00:00+08:00'

test_expect_success 'HTML responses become posts; requests, 404s, images do not' '
	yq-fetch --no-state $NOW "$D/archive.warc" >actual 2>err &&
	test_must_be_empty err &&
	test_cmp "$E/warc.ndjson" actual
'

test_expect_success 'WARC.gz, one member per record, gives the same' '
	yq-fetch --no-state $NOW "$D/archive.warc.gz" >actual 2>err &&
	test_must_be_empty err &&
	test_cmp "$E/warc.ndjson" actual
'

test_expect_success 'from standard input with --type warc' '
	yq-fetch --no-state $NOW -t warc <"$D/archive.warc.gz" >actual &&
	test_cmp "$E/warc.ndjson" actual
'

test_expect_success 'chunked, gzip-encoded GBK payload is decoded' '
	jq -r "select(.url == \"https://news.example.cn/a/20.html\") | .title, .fetched_at" \
		"$E/warc.ndjson" >actual &&
	cat >expect <<-\EOT &&
	北溪区居民就垃圾焚烧项目举行座谈
	2026-11-22T10:00:02+08:00
	EOT
	test_cmp expect actual
'

test_expect_success 'truncated archive: whole records first, then the error' '
	test_expect_code 2 yq-fetch --no-state $NOW "$D/truncated.warc.gz" >actual 2>err &&
	test_cmp "$E/warc.ndjson" actual &&
	test_line_count = 1 err &&
	test_grep "^yq-fetch: $D/truncated.warc.gz: offset [0-9]*: trunc" err
'

# zlib reads a gzip member cut short as if the file ended there: the cut
# is an error all the same, wherever it falls.
test_expect_success 'an archive cut anywhere in its last members is an error' '
	yq-fetch --no-state $NOW "$D/archive.warc.gz" >whole &&
	size=$(wc -c <"$D/archive.warc.gz") &&
	for cut in 1 10 150 300 1000; do
		head -c $((size - cut)) "$D/archive.warc.gz" >cut.warc.gz &&
		test_expect_code 2 yq-fetch --no-state $NOW cut.warc.gz >actual 2>err &&
		test_line_count = 1 err &&
		test_grep "^yq-fetch: cut.warc.gz: offset [0-9]*: truncated" err &&
		n=$(wc -l <actual) && test $n -lt 3 &&
		head -n $n whole >expect && test_cmp expect actual || return 1
	done
'

test_expect_success 'corrupt archive: records before the damage, then the error' '
	test_expect_code 2 yq-fetch --no-state $NOW "$D/corrupt.warc" >actual 2>err &&
	head -n 1 "$E/warc.ndjson" >expect &&
	test_cmp expect actual &&
	echo "yq-fetch: $D/corrupt.warc: offset 2873: not a WARC record" >expect &&
	test_cmp expect err
'

test_expect_success 'an empty archive gives nothing, quietly' '
	: >empty.warc &&
	yq-fetch --no-state $NOW empty.warc >actual 2>err &&
	test_must_be_empty actual &&
	test_must_be_empty err
'

test_expect_success 'a record longer than the file is truncation' '
	printf "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999\r\n\r\nHTTP/1.1 200 OK\r\n" >short.warc &&
	test_expect_code 2 yq-fetch --no-state $NOW short.warc >actual 2>err &&
	test_must_be_empty actual &&
	echo "yq-fetch: short.warc: offset 0: truncated WARC record" >expect &&
	test_cmp expect err
'

test_done
