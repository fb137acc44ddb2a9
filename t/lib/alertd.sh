# alertd.sh: start and stop t/lib/alertd.py for a test script.
#
#   start_alertd    sets ALERTD_PID, WEB ("http://127.0.0.1:PORT"), SMTP
#                   ("smtp://127.0.0.1:PORT"); logs and the mode file in
#                   "$TRASH_DIR/srv"
#   stop_alertd
#   srv_log NAME    the log of NAME, once it has stopped growing
ALERTD_SECRET=SEC-test-secret
# Longer than SHA-256's 64-byte block: HMAC hashes such a key first.
ALERTD_LONG_SECRET=SEC-long-0123456789012345678901234567890123456789012345678901234567890123456789
. "$TEST_DIR"/lib/httpd.sh

start_alertd() {
	mkdir -p "$TRASH_DIR/srv" && rm -f "$TRASH_DIR/srv.port" &&
	python3 "$TEST_DIR/lib/alertd.py" --dir "$TRASH_DIR/srv" \
		--port-file "$TRASH_DIR/srv.port" --secret "$ALERTD_SECRET" \
		--secret "$ALERTD_LONG_SECRET" &
	ALERTD_PID=$!
	wait_port_file "$TRASH_DIR/srv.port" start_alertd || return 1
	read -r _web _smtp <"$TRASH_DIR/srv.port"
	WEB=http://127.0.0.1:$_web
	SMTP=smtp://127.0.0.1:$_smtp
	trap 'stop_alertd' EXIT
}

stop_alertd() {
	if test -n "$ALERTD_PID"; then
		kill "$ALERTD_PID" 2>/dev/null
		wait "$ALERTD_PID" 2>/dev/null
		ALERTD_PID=
	fi
}

# The server's log of NAME, empty when nothing came.
srv_log() {
	cat "$TRASH_DIR/srv/$1.log" 2>/dev/null || true
}
