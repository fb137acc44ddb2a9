#!/bin/sh
# Every test of t7000 again, each yq-explore run over an index of its
# files (t/lib/indexed/yq-explore): the same output, byte for byte.
YQ_EXPLORE_INDEXED=1
. "$(dirname "$0")"/t7000-explore.sh
