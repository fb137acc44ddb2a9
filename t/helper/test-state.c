/*
 * test-state: exercises common/state.c for the shell tests.
 *
 *   test-state write DB TAG BATCHES ROWS   write BATCHES batches of ROWS
 *                                          rows, one transaction each,
 *                                          printing "batch N" after each
 *   test-state check DB ROWS               integrity, and that every batch
 *                                          is whole: prints "ok N batches"
 *   test-state migrate DB VERSION          bring a test schema to VERSION
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "yq.h"

static const char *const steps[] = {
	"CREATE TABLE rows(tag TEXT, batch INTEGER, n INTEGER, pad TEXT)",
	"CREATE INDEX rows_batch ON rows(tag, batch)",
	"ALTER TABLE rows ADD COLUMN note TEXT",
};

static struct yq_state *
open_db(const char *path, int version)
{
	struct yq_state *st;
	char *err;

	st = st_open(path, &err);
	if (st == NULL)
		die(3, "%s", err);
	if (st_migrate(st, "test", steps, version, &err) < 0)
		die(3, "%s", err);
	return st;
}

static int
do_write(const char *path, const char *tag, int batches, int rows)
{
	struct yq_state *st = open_db(path, 3);
	sqlite3_stmt *q;
	char *err, pad[200];
	int b, i;

	memset(pad, 'p', sizeof pad - 1);
	pad[sizeof pad - 1] = '\0';
	sqlite3_prepare_v2(st_db(st), "INSERT INTO rows(tag, batch, n, pad) "
	    "VALUES(?, ?, ?, ?)", -1, &q, NULL);
	for (b = 0; b < batches; b++) {
		if (st_begin(st, &err) < 0)
			die(3, "%s", err);
		for (i = 0; i < rows; i++) {
			sqlite3_bind_text(q, 1, tag, -1, SQLITE_STATIC);
			sqlite3_bind_int(q, 2, b);
			sqlite3_bind_int(q, 3, i);
			sqlite3_bind_text(q, 4, pad, -1, SQLITE_STATIC);
			if (sqlite3_step(q) != SQLITE_DONE)
				die(3, "insert: %s", sqlite3_errmsg(st_db(st)));
			sqlite3_reset(q);
		}
		if (st_commit(st, &err) < 0)
			die(3, "%s", err);
		printf("batch %d\n", b);
		fflush(stdout);
	}
	sqlite3_finalize(q);
	return st_close(st) < 0 ? 3 : 0;
}

static int
do_check(const char *path, int rows)
{
	struct yq_state *st = open_db(path, 3);
	sqlite3_stmt *q;
	int batches = 0, bad = 0;

	sqlite3_prepare_v2(st_db(st), "PRAGMA integrity_check", -1, &q, NULL);
	if (sqlite3_step(q) != SQLITE_ROW ||
	    strcmp((const char *)sqlite3_column_text(q, 0), "ok") != 0) {
		printf("integrity: %s\n", sqlite3_column_text(q, 0));
		return 1;
	}
	sqlite3_finalize(q);
	/* Every (tag, batch) must hold exactly rows rows, numbered 0..rows-1. */
	sqlite3_prepare_v2(st_db(st), "SELECT tag, batch, count(*), min(n), "
	    "max(n) FROM rows GROUP BY tag, batch", -1, &q, NULL);
	while (sqlite3_step(q) == SQLITE_ROW) {
		batches++;
		if (sqlite3_column_int(q, 2) != rows || sqlite3_column_int(q, 3) != 0 ||
		    sqlite3_column_int(q, 4) != rows - 1) {
			printf("torn batch %s/%d: %d rows\n", sqlite3_column_text(q, 0),
			    sqlite3_column_int(q, 1), sqlite3_column_int(q, 2));
			bad++;
		}
	}
	sqlite3_finalize(q);
	st_close(st);
	if (bad == 0)
		printf("ok %d batches\n", batches);
	return bad ? 1 : 0;
}

static int
do_migrate(const char *path, int version)
{
	struct yq_state *st;
	char *err;

	st = st_open(path, &err);
	if (st == NULL)
		die(3, "%s", err);
	if (st_migrate(st, "test", steps, version, &err) < 0) {
		yq_warnx("%s", err);
		free(err);
		st_close(st);
		return 3;
	}
	st_close(st);
	return 0;
}

int
main(int argc, char **argv)
{
	yq_setprog(argv[0]);
	if (argc == 6 && strcmp(argv[1], "write") == 0)
		return do_write(argv[2], argv[3], atoi(argv[4]), atoi(argv[5]));
	if (argc == 4 && strcmp(argv[1], "check") == 0)
		return do_check(argv[2], atoi(argv[3]));
	if (argc == 4 && strcmp(argv[1], "migrate") == 0)
		return do_migrate(argv[2], atoi(argv[3]));
	fprintf(stderr, "usage: test-state write|check|migrate ...\n");
	return 2;
}
