#!/bin/sh
test_description='hostile input: each ends in a clear error within bounded time and memory'
. "$(dirname "$0")"/test-lib.sh

# measure CMD...: run it, keeping its exit status in $rc and "seconds KB"
# in ./measured; output to out, errors to err.
measure() {
	/usr/bin/time -f '%e %M' -o measured "$@" >out 2>err
	rc=$?
	tail -n 1 measured >m && mv m measured
	return 0
}
# within SECONDS MB: the last measured run stayed inside both (four
# times either under the sanitizers, whose shadow memory and checks
# cost both, on a machine that may be busy).
case $YQ_BUILD in *san*) slack=4 ;; *) slack=1 ;; esac
within() {
	awk -v s="$1" -v mb="$2" -v k="$slack" \
		'{ exit !($1 <= s * k && $2 <= mb * 1024 * k) }' measured ||
		{ cat measured >&2; return 1; }
}

test_expect_success 'a 2 GiB input line: refused as too long in seconds, 30 MB, the next record kept' '
	measure sh -c "{ printf \"{\\\"text\\\":\\\"\"; head -c 2147483648 /dev/zero | tr \"\\\\0\" a; printf \"\\\"}\\n{\\\"id\\\":\\\"next\\\",\\\"text\\\":\\\"北溪区\\\"}\\n\"; } | yq-seg" &&
	test $rc = 2 &&
	echo "yq-seg: -:1: line too long (more than 16777216 bytes)" >expect &&
	test_cmp expect err &&
	jq -r .id out >got && echo next >expect && test_cmp expect got &&
	within 120 64
'

test_expect_success 'JSON nested 100,000 deep: refused before parsing' '
	python3 -c "print(\"{\\\"a\\\":\" + \"[\" * 100000 + \"]\" * 100000 + \"}\")" >deep.json &&
	echo "{\"id\":\"ok\",\"text\":\"好\"}" >>deep.json &&
	measure yq-score deep.json && test $rc = 2 &&
	echo "yq-score: deep.json:1: invalid JSON: nested more than 64 deep" >expect &&
	test_cmp expect err && jq -r .id out >got && echo ok >expect && test_cmp expect got &&
	within 10 64
'

test_expect_success 'a gzip bomb in a WARC (1 GiB record in 1 MB): skipped with its offset, the rest read' '
	python3 - <<-\EOF &&
	import zlib
	n = 1 << 30
	head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
	warc = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.cn/bomb\r\n"
	        "WARC-Date: 2026-11-20T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
	        "Content-Type: application/http; msgtype=response\r\n"
	        "Content-Length: %d\r\n\r\n" % (len(head) + n)).encode()
	c = zlib.compressobj(9, zlib.DEFLATED, 31)
	with open("bomb.warc.gz", "wb") as f:
	    f.write(c.compress(warc + head))
	    for i in range(1024):
	        f.write(c.compress(b"a" * (1 << 20)))
	    f.write(c.compress(b"\r\n\r\n") + c.flush())
	EOF
	cat "$TEST_DIR/data/demo/crawl.warc.gz" >>bomb.warc.gz &&
	measure yq-fetch --no-state bomb.warc.gz && test $rc = 2 &&
	echo "yq-fetch: bomb.warc.gz: offset 0: a record of 1073741883 bytes, over the 64 MiB limit: skipped" >expect &&
	test_cmp expect err && test_line_count = 31 out &&
	within 60 64
'

test_expect_success 'a CSV with a million columns: read in bounded memory' '
	python3 -c "
n = 1000000
print(\",\".join([\"正文\"] + [\"c%d\" % i for i in range(n)]))
print(\",\".join([\"北溪区居民反映\"] + [\"x\"] * n))" >wide.csv &&
	measure yq-fetch --no-state --type csv wide.csv && test $rc = 0 &&
	jq -r .text out >got && echo 北溪区居民反映 >expect && test_cmp expect got &&
	within 30 400
'

test_expect_success 'a line of 5 MB without a newline at the end of a gzip file: read whole' '
	{ printf "{\"id\":\"big\",\"text\":\""; head -c 5000000 /dev/zero | tr "\\0" x; printf "\"}"; } | gzip >tail.gz &&
	measure yq-seg --no-punct tail.gz && test $rc = 0 &&
	jq -r .id out >got && echo big >expect && test_cmp expect got &&
	within 60 400
'

# One line limit for the toolkit (16 MiB): a stage never writes, from a
# line it accepted, one the next refuses.  yq-seg takes its words from
# the first 256 KiB of a text, so a long text costs it bounded memory,
# and writes a record without them when with them it would pass.
test_expect_success PYTHON3 'a text of 10 MB passes every stage at the defaults' '
	python3 -c "
import json
t = \"北溪区垃圾焚烧厂选址引发争议，居民很不满。\" * (10000000 // 63)
print(json.dumps({\"id\": \"long\", \"url\": \"https://x.example.cn/1\", \"text\": t,
    \"published_at\": \"2026-11-22T10:00:00+08:00\"}, ensure_ascii=False))" >long.ndjson &&
	now="--now 2026-11-23T00:00:00+08:00" &&
	yq-fetch --no-state $now long.ndjson >1.ndjson &&
	yq-seg 1.ndjson >2.ndjson 2>err &&
	echo "yq-seg: 1.ndjson:1: text of 9999990 bytes: words of the first 262144 only" >expect &&
	test_cmp expect err &&
	yq-score 2.ndjson >3.ndjson 2>err &&
	echo "yq-score: 2.ndjson:1: text of 9999990 bytes: scored on the first 262144 only" >expect &&
	test_cmp expect err &&
	yq-cluster --no-state --events $now 3.ndjson >4.ndjson &&
	yq-deadline --no-state $now 4.ndjson >5.ndjson &&
	yq-report daily --no-state $now -f json 5.ndjson >report.json &&
	jq -r "select(.kind == \"post\") | [(.tokens | length > 0), (.event_id | length > 0),
		(.text | length)] | @tsv" 5.ndjson >got &&
	printf "true\ttrue\t3333330\n" >expect && test_cmp expect got
'

test_expect_success 'a 16 MB line of one character: yq-seg within 100 MB' '
	{ printf "{\"id\":\"one\",\"text\":\"" && head -c 5300000 /dev/zero |
		sed "s/\x0/好/g" && printf "\"}\n"; } >one.ndjson &&
	measure yq-seg one.ndjson && test $rc = 0 &&
	echo "yq-seg: one.ndjson:1: text of 15900000 bytes: words of the first 262144 only" >expect &&
	test_cmp expect err && within 30 100
'

test_expect_success '--plain: a 16 MB line of one character within 100 MB' '
	head -c 5300000 /dev/zero | sed "s/\x0/好/g" >one.txt && echo >>one.txt &&
	measure yq-seg --plain one.txt && test $rc = 0 &&
	test_must_be_empty err && test_line_count = 1 out &&
	within 30 100
'

# --plain segments a long line in windows of 256 KiB, each ending after
# a space or sentence punctuation where there is one: the words are
# those of each sentence alone.
test_expect_success PYTHON3 '--plain: a 10 MB line cut between sentences, its words whole' '
	s=北溪区垃圾焚烧厂选址引发争议，居民很不满。 &&
	echo "$s" >s.txt &&
	yq-seg --plain s.txt >s.out &&
	echo "北溪  区  垃圾焚烧  厂  选址  引发  争议  ,  居民  很  不满  。" >expect &&
	test_cmp expect s.out &&
	python3 -c "print(\"$s\" * 160000)" >long.txt &&
	python3 -c "print(\"  \".join([open(\"s.out\").read().rstrip()] * 160000))" >expect &&
	yq-seg --plain long.txt >out 2>err &&
	test_must_be_empty err && cmp expect out
'

# Places are looked for at every character of a text without tokens:
# the rest of the text was measured again at each (5.4 s for these 20
# records before, 0.35 s after).
test_expect_success 'yq-score: 20 texts of 256 KiB of one letter in linear time' '
	head -c 262144 /dev/zero | tr "\\0" a >a.txt &&
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20
	do
		printf "{\"id\":\"a%s\",\"text\":\"%s\"}\n" $i "$(cat a.txt)" || return 1
	done >a.ndjson &&
	measure yq-score a.ndjson && test $rc = 0 &&
	test_must_be_empty err && test_line_count = 20 out &&
	within 3 64
'

test_expect_success PYTHON3 'a line its words would take over the limit: written without them, and said' '
	python3 -c "
s = \"北溪区垃圾焚烧厂选址引发争议，居民很不满。\"
print(\"{\\\"id\\\":\\\"full\\\",\\\"text\\\":\\\"\" + s * (16600000 // 63) + \"\\\"}\")" >full.ndjson &&
	yq-seg full.ndjson >seg.ndjson 2>err &&
	cat >expect <<-\EOF &&
	yq-seg: full.ndjson:1: text of 16599996 bytes: words of the first 262144 only
	yq-seg: full.ndjson:1: written without its words: with them the line would pass the limit
	EOF
	test_cmp expect err && cmp full.ndjson seg.ndjson &&
	yq-score seg.ndjson >scored.ndjson 2>err &&
	echo "yq-score: seg.ndjson:1: text of 16599996 bytes: scored on the first 262144 only" >expect &&
	test_cmp expect err &&
	jq -c ".sentiment | keys" scored.ndjson >got && echo "[\"label\",\"score\"]" >expect &&
	test_cmp expect got
'

test_done
