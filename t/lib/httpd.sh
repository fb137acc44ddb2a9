# httpd.sh: start and stop t/lib/httpd.py for a test script.
#
#   start_httpd DOCROOT   sets HTTPD_PID, HTTPD_PORT, HTTPD ("http://127.0.0.1:PORT")
#   stop_httpd
# The server logs each request to "$TRASH_DIR/httpd.log" and exits by
# itself after two minutes if the script never stops it.

# wait_port_file FILE WHO: wait up to 10 s for a server to write its port.
wait_port_file() {
	n=0
	while ! test -s "$1"; do
		n=$((n + 1))
		if test $n -gt 100; then
			say "$2: server did not start" >&2
			return 1
		fi
		sleep 0.1
	done
}

start_httpd() {
	rm -f "$TRASH_DIR/httpd.port"
	python3 "$TEST_DIR/lib/httpd.py" --root "$1" \
		--port-file "$TRASH_DIR/httpd.port" --log "$TRASH_DIR/httpd.log" \
		--lifetime 120 &
	HTTPD_PID=$!
	wait_port_file "$TRASH_DIR/httpd.port" start_httpd || return 1
	HTTPD_PORT=$(cat "$TRASH_DIR/httpd.port")
	HTTPD=http://127.0.0.1:$HTTPD_PORT
	trap 'stop_httpd' EXIT
}

stop_httpd() {
	if test -n "$HTTPD_PID"; then
		kill "$HTTPD_PID" 2>/dev/null
		wait "$HTTPD_PID" 2>/dev/null
		HTTPD_PID=
	fi
}
