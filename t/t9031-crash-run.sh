#!/bin/sh
test_description='the cron job of yq(7) killed at random stages and times: every post once'
. "$(dirname "$0")"/test-lib.sh

# A quick subset of bench/crash/run (which runs 30 trials and more):
# three runs of 1,500 posts each (megabytes through every pipe), each
# with a stage chosen at random killed at a random time, then one run
# more, beside the same runs never killed.
test_expect_success PYTHON3 'three runs killed at random: each post archived once, the same events' '
	SEED=3 sh "$TOP_DIR/bench/crash/run" 3 1500 >out 2>log &&
	cat >expect <<-\EOF &&
	posts in the archive: 4500 of 4500, 0 twice
	events and deadlines: as in the runs never killed
	integrity_check: ok after every run
	EOF
	test_cmp expect out
'

test_done
