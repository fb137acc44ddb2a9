#!/bin/sh
test_description='yq-fetch reads the time forms of DESIGN and the odd ones feeds use'
. "$(dirname "$0")"/test-lib.sh

NOW='--now 2026-11-25T12:00:00+08:00'

# source form <TAB> expected published_at ("-" when none)
cat >cases <<'EOF'
2026-11-20T08:00:00+08:00	2026-11-20T08:00:00+08:00
2026-11-20T00:00:00Z	2026-11-20T00:00:00+00:00
2026-11-20T08:00:00.123+08:00	2026-11-20T08:00:00+08:00
Fri, 20 Nov 2026 08:00:00 +0800	2026-11-20T08:00:00+08:00
Fri, 20 Nov 2026 00:00:00 GMT	2026-11-20T00:00:00+00:00
Sat, 21 Nov 2026 08:00:00 CST	2026-11-21T08:00:00+08:00
Mon, 23 Nov 2026 14:00:00 GMT+8	2026-11-23T14:00:00+08:00
Fri Nov 20 08:00:00 +0800 2026	2026-11-20T08:00:00+08:00
2026-11-20 08:00	2026-11-20T08:00:00+08:00
2026-11-20 08:00:00	2026-11-20T08:00:00+08:00
2026/11/20 08:00	2026-11-20T08:00:00+08:00
2020年12月27日 15:45	2020-12-27T15:45:00+08:00
2026-11-20T08:00:00+0800	2026-11-20T08:00:00+08:00
2026-11-20T08:00:00 +08:00	2026-11-20T08:00:00+08:00
2026-11-20 08:00:00.0	2026-11-20T08:00:00+08:00
1763596800	2025-11-20T08:00:00+08:00
1763596800000	2025-11-20T08:00:00+08:00
昨天 12:30	2026-11-24T12:30:00+08:00
3分钟前	2026-11-25T11:57:00+08:00
刚刚	2026-11-25T12:00:00+08:00
not a date	-
EOF

test_expect_success 'every form gives RFC 3339 with its offset' '
	n=0 &&
	while IFS="	" read -r form want; do
		n=$((n + 1)) &&
		jq -cn --arg t "$form" --arg n "$n" "{id: \$n, text: \"x\", published_at: \$t}" || return 1
	done <cases >in.ndjson &&
	yq-fetch --no-state $NOW -s dates in.ndjson >out 2>err &&
	test_must_be_empty err &&
	jq -r ".published_at // \"-\"" out >actual &&
	cut -f2 cases >expect &&
	test_cmp expect actual
'

test_done
