#!/bin/sh
test_description='yq-report: a post'"'"'s author with the kind of speaker yq-fetch found'
. "$(dirname "$0")"/test-lib.sh

test_expect_success 'a body'"'"'s account is named with its kind, a person'"'"'s as it is' '
	cat >in.ndjson <<-\EOF &&
	{"id":"r1","kind":"post","platform":"weibo","author":"北溪生态环境","author_type":"government","text":"【情况通报】焚烧厂异味问题正在核查","published_at":"2026-11-22T10:00:00+08:00","sentiment":{"score":-0.5,"label":"negative"},"heat":3,"risk":20}
	{"id":"r2","kind":"post","platform":"weibo","author":"北溪居民","author_type":"person","text":"焚烧厂又冒黑烟了，太气人了","published_at":"2026-11-22T11:00:00+08:00","sentiment":{"score":-0.8,"label":"negative"},"heat":2,"risk":30}
	{"id":"r3","kind":"post","platform":"weibo","author":"沄江日报","author_type":"media","text":"焚烧厂周边居民反映异味","published_at":"2026-11-22T12:00:00+08:00","sentiment":{"score":-0.3,"label":"negative"},"heat":1,"risk":10}
	EOF
	yq-report daily --no-state --now 2026-11-23T00:00:00+08:00 -f csv in.ndjson >out 2>err &&
	test_must_be_empty err &&
	tr -d "\r" <out >lf && grep "焚烧厂" lf >got &&
	cat >expect <<-\EOF &&
	"2026-11-22 11:00","微博","北溪居民","焚烧厂又冒黑烟了，太气人了","-0.8","2","r2"
	"2026-11-22 10:00","微博","北溪生态环境（政府）","【情况通报】焚烧厂异味问题正在核查","-0.5","3","r1"
	"2026-11-22 12:00","微博","沄江日报（媒体）","焚烧厂周边居民反映异味","-0.3","1","r3"
	EOF
	test_cmp expect got
'

test_done
